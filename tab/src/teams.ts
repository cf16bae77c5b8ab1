// Inside Teams: app.initialize(), the theme Teams uses and its changes (issue 11, point 8), and the
// user's SSO token for the server (issue 11, point 6).
// Outside Teams (a browser on the intranet, or local use) initialize never settles or fails: the
// page then follows the browser's forced colours (high contrast), or its light or dark preference.
import { app, authentication } from "@microsoft/teams-js";

export type ThemeName = "default" | "dark" | "contrast";

export type TeamsHost = { readonly inTeams: boolean; readonly theme: ThemeName };

const INITIALIZE_WITHIN_MS = 1_500;

const asTheme = (name: string | undefined): ThemeName => (name === "dark" ? "dark" : name === "contrast" ? "contrast" : "default");

export async function connectToTeams(onTheme: (theme: ThemeName) => void): Promise<TeamsHost> {
  // Outside Teams: the browser's forced colours (Windows high contrast) or dark preference.
  const prefers = (query: string) => window.matchMedia?.(query).matches === true;
  const browserTheme: ThemeName = prefers("(forced-colors: active)") ? "contrast" : prefers("(prefers-color-scheme: dark)") ? "dark" : "default";
  try {
    await Promise.race([app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error("not in Teams")), INITIALIZE_WITHIN_MS))]);
    const context = await app.getContext();
    app.registerOnThemeChangeHandler((theme) => onTheme(asTheme(theme)));
    return { inTeams: true, theme: asTheme(context.app.theme) };
  } catch {
    return { inTeams: false, theme: browserTheme };
  }
}

/**
 * The user's Teams SSO token for the server's API, once connectToTeams has found Teams; undefined
 * outside Teams or when Teams cannot give one (no consent, no network). Teams caches the token and
 * renews it before it expires, so call this before each request.
 */
export async function getTeamsToken(): Promise<string | undefined> {
  if (!app.isInitialized()) return undefined;
  try {
    return await authentication.getAuthToken();
  } catch {
    return undefined;
  }
}
