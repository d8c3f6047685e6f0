// The benchmarks drive the same real server process the tests use.
export { fmt, percentile, startServerProcess, type ServerProcess } from '../tests/helpers/process.js';
