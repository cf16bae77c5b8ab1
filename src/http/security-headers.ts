// The security headers on every answer (the tab, its API, /privacy, /terms, the health checks),
// set by helmet rather than by hand. The Content-Security-Policy allows only what the tab's built
// page loads (tab/vite.config.ts): its scripts and styles from this server, data: images, calls to
// this server's API; and only Teams and the other Microsoft 365 hosts may frame a page.
import helmet from "helmet";
import type { RequestHandler } from "express";

/**
 * Who may show these pages in a frame: this server, and the hosts Teams and Microsoft 365 show a
 * tab from (Teams docs, "Tab requirements": teams.microsoft.com, *.teams.microsoft.com, *.skype.com,
 * *.office.com, and *.cloud.microsoft, where the web clients are moving); *.teams.microsoft.us for
 * the US government clouds (GCC High, DoD).
 */
export const FRAME_ANCESTORS = [
  "'self'",
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://*.teams.microsoft.us",
  "https://*.skype.com",
  "https://*.office.com",
  "https://*.cloud.microsoft",
] as const;

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        // teams-js fetches Microsoft's current list of Teams hosts from its CDN (falling back to the
        // list it was built with): src/internal/validOrigins.ts in @microsoft/teams-js.
        connectSrc: ["'self'", "https://res.cdn.office.net"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: [...FRAME_ANCESTORS],
      },
    },
    // frame-ancestors above says who may frame a page; X-Frame-Options has no way to name Teams, and
    // a browser that knows frame-ancestors ignores it anyway.
    xFrameOptions: false,
    referrerPolicy: { policy: "no-referrer" },
  }) as RequestHandler;
}
