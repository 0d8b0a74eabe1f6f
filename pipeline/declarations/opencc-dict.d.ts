// opencc-js ships no types for its dictionary modules: each is one string of "from to [to…]" entries joined by "|".
declare module 'opencc-js/dict/STCharacters' {
  const entries: string;
  export default entries;
}
