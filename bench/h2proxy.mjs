// HTTPS and HTTP/2 in front of the bench's static server (gzserve.py), because that is how
// real static hosts serve a site: one multiplexed connection instead of one per file.
// Usage: node bench/h2proxy.mjs PORT UPSTREAM_URL KEY.pem CERT.pem  (prints "ready")
import fs from "node:fs";
import http from "node:http";
import http2 from "node:http2";

const [port, upstream, key, cert] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true });
// Connection-level headers have no meaning in HTTP/2 (and Node refuses them).
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"]);

const server = http2.createSecureServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) });
server.on("stream", (stream, headers) => {
  stream.on("error", () => {}); // the browser may cancel a request; nothing to do
  const forwarded = Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(":")));
  const request = http.request(
    new URL(headers[":path"], upstream),
    { method: headers[":method"], headers: forwarded, agent },
    (response) => {
      const out = { ":status": response.statusCode };
      for (const [name, value] of Object.entries(response.headers)) {
        if (!HOP_BY_HOP.has(name)) out[name] = value;
      }
      stream.respond(out);
      response.pipe(stream);
    },
  );
  request.on("error", () => stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR));
  request.end();
});
server.listen(Number(port), "127.0.0.1", () => console.log("ready"));
