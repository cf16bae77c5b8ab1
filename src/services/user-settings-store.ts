// The port for what a user asks the bot to remember: today, their safeguarding lead's email, so
// "Share with my safeguarding lead" is set up once (issue 9). `src/store` implements it.
export interface UserSettingsStore {
  dslEmail(userId: string): Promise<string | undefined>;
  setDslEmail(userId: string, email: string, at: Date): Promise<void>;
  /** Their role and agency as given on their last referral, to fill in the next (issue 10, point 1). */
  referrer(userId: string): Promise<{ role?: string; agency?: string }>;
  rememberReferrer(userId: string, role: string, agency: string, at: Date): Promise<void>;
  /** "Forget my details": nothing remembered for them is kept. */
  forget(userId: string): Promise<void>;
}
