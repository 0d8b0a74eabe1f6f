// Preloaded into a child process by tests: prints its peak resident memory when it exits.
process.on('exit', () => process.stderr.write(`peak-rss-kb ${process.resourceUsage().maxRSS}\n`));
