// The package ships no types: a remark plugin that takes no options.
declare module 'remark-join-cjk-lines' {
  const remarkJoinCjkLines: () => (tree: import('mdast').Root) => void;
  export default remarkJoinCjkLines;
}
