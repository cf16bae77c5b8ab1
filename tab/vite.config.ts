// The intranet tab's build (issue 11): React with Fluent UI and teams-js, bundled by Vite into
// dist/tab, which the bot's server serves under /tab (src/http/tab-pages.ts).
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/tab/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../dist/tab", import.meta.url)),
    emptyOutDir: true,
    // No source maps: the server would hand the tab's source to anyone (src/http/tab-pages.ts).
    sourcemap: false,
    // React, Fluent UI and teams-js in one file: about 710 kB, 189 kB gzipped (measured); Chart.js
    // (MASE insight) in its own, loaded when that page opens.
    chunkSizeWarningLimit: 750,
  },
  logLevel: "warn",
});
