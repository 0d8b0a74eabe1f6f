// The package ships no types: the options the print fonts use.
declare module 'subset-font' {
  const subsetFont: (
    font: Buffer,
    text: string,
    options?: { targetFormat?: 'sfnt' | 'woff' | 'woff2' },
  ) => Promise<Buffer>;
  export default subsetFont;
}
