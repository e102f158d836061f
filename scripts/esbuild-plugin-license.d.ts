// The package ships types (dist/index.d.ts) that its "exports" do not point to, so NodeNext
// resolution cannot find them: the part the build uses, declared here.
declare module 'esbuild-plugin-license' {
  import type { Plugin } from 'esbuild';

  export interface Dependency {
    packageJson: { name: string; version: string; license?: string };
    licenseText: string;
  }

  export interface Options {
    banner?: string;
    thirdParty?: {
      includePrivate?: boolean;
      output?: {
        file?: string;
        template?: string | ((dependencies: Dependency[], self: Dependency) => string);
      };
    };
  }

  export default function esbuildPluginLicense(options?: Options): Plugin;
}
