// The cold-start baseline: the least an express server does before it can answer /healthz (and,
// so the bench reads both, /readyz). Spawned by cold-start.ts exactly as the compiled app is:
// `node bench/minimal-server.mjs`, PORT set. Plain JavaScript, like lib/.
import express from "express";

const app = express();
app.get(["/healthz", "/readyz"], (_request, response) => {
  response.json({ status: "ok" });
});
app.listen(Number(process.env.PORT), "127.0.0.1");
