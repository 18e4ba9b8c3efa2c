/** opencc-js's dictionaries (dist/esm-lib/dict/*.js, through its "./*" export): "from to|from to …" as one string. */
declare module 'opencc-js/dict/*' {
  const dict: string
  export default dict
}
