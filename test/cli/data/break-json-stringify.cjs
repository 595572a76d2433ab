// Preloaded (NODE_OPTIONS=--require) by the internal-error test: a JSON.stringify that throws
// stands for a bug in the CLI, which must end with exit code 70 and say it is one.
JSON.stringify = () => {
  throw new Error('JSON.stringify broken on purpose');
};
