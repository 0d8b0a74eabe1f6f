// Puppeteer's own browser download cannot work on a closed network: use Debian's chromium.
module.exports = { skipDownload: true, executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium' };
