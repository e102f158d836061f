// The V8 settings coe runs with (engine/cli/coe.js), in one place so that `npm run bench` measures
// what coe runs. Plain JavaScript, like coe.js, which reads it before the engine loads.
export const V8_FLAGS = [
  // Checking a portfolio makes the same short-lived objects for every manifest. Whether V8 starts
  // allocating them straight into the old generation (allocation-site pretenuring) depends on when
  // its first collections fall; when it does, every file's parse is promoted and then collected by
  // full collections, and `coe check` of 50,000 manifests peaks at about 490 MB instead of about
  // 290 MB, at more CPU. Only an optimisation is turned off (see docs/cli.md#performance).
  '--no-allocation-site-pretenuring',
  // Node's 64-bit builds have no pointer compression, so V8 lets the young generation grow to two
  // semi-spaces of 64 MB when many objects survive, as a portfolio's rows and an audit's changes
  // do: 128 MB of the 300 MB a run of 50,000 manifests may take. 16 MB costs about 3% more CPU.
  '--max-semi-space-size=16',
];
