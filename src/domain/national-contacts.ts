// DOMAIN.md §5-6: the national numbers every area, including `other`, can use. Both lines
// are always open.
export const EMERGENCY_CONTACT = { name: "Emergency services", phone: "999", openNow: true, alwaysOpen: true } as const;
export const POLICE_NON_EMERGENCY_CONTACT = { name: "Police non-emergency line", phone: "101", openNow: true, alwaysOpen: true } as const;
