/** `npm run bench`: the benchmark suite arrives with issue 8. */
console.log('no benchmarks yet');
