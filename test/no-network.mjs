// Tests never reach a real host (developers' guide: "No network in tests"). Loaded in every vitest
// worker (vitest.config.ts setupFiles) and with `--import` in every CLI run of test/helpers.ts:
// a socket to anything but loopback or a Unix socket throws before any byte is sent, so a test
// that builds a real store URL (e.g. Huawei's region table) cannot send a request there.
import net from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|localhost)$/i;

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  const host = typeof options.host === 'string' ? options.host.replace(/^\[|\]$/g, '') : 'localhost';
  if (options.path === undefined && !LOOPBACK.test(host)) {
    const message = `test/no-network.mjs: a test tried to connect to ${host}; tests reach 127.0.0.1 only`;
    // Said on stderr too: the CLI turns the thrown error into its own one-line network error.
    process.stderr.write(`${message}\n`);
    throw new Error(message);
  }
  return connect.apply(this, args);
};
