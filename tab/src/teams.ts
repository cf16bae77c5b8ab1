// Inside Teams: app.initialize(), the theme Teams uses and its changes (issue 11, point 8).
// Outside Teams (a browser on the intranet, or local use) initialize never settles or fails: the
// page then follows the browser's light or dark preference.
import { app } from "@microsoft/teams-js";

export type ThemeName = "default" | "dark" | "contrast";

export type TeamsHost = { readonly inTeams: boolean; readonly theme: ThemeName };

const INITIALIZE_WITHIN_MS = 1_500;

const asTheme = (name: string | undefined): ThemeName => (name === "dark" ? "dark" : name === "contrast" ? "contrast" : "default");

export async function connectToTeams(onTheme: (theme: ThemeName) => void): Promise<TeamsHost> {
  const browserTheme: ThemeName = window.matchMedia?.("(prefers-color-scheme: dark)").matches === true ? "dark" : "default";
  try {
    await Promise.race([app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error("not in Teams")), INITIALIZE_WITHIN_MS))]);
    const context = await app.getContext();
    app.registerOnThemeChangeHandler((theme) => onTheme(asTheme(theme)));
    return { inTeams: true, theme: asTheme(context.app.theme) };
  } catch {
    return { inTeams: false, theme: browserTheme };
  }
}
