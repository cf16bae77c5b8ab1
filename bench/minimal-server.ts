// The cold-start baseline: the least an express server does before it can answer /healthz.
// Spawned by cold-start.ts exactly as the app is: `node --import tsx bench/minimal-server.ts`, PORT set.
import express from "express";

const app = express();
app.get("/healthz", (_request, response) => {
  response.json({ status: "ok" });
});
app.listen(Number(process.env.PORT), "127.0.0.1");
