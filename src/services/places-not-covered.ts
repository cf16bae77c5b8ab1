// Places a practitioner may name that this tool has no area file for, so a question such as
// "who do I call in Croydon" gets "Croydon is not covered: choose Another area" rather than a
// puzzling "which area?". Names only, never contacts (DOMAIN.md §6: never invent a number).
// The London boroughs (the seeds' own areas are London boroughs) and England's largest cities.
export const PLACES_NOT_COVERED: readonly string[] = [
  "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "City of London", "Croydon", "Ealing",
  "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham", "Hammersmith", "Fulham", "Haringey", "Harrow",
  "Hillingdon", "Hounslow", "Islington", "Kensington and Chelsea", "Kensington", "Chelsea", "Merton", "Newham",
  "Redbridge", "Southwark", "Tower Hamlets", "Waltham Forest", "Wandsworth", "Westminster",
  "Birmingham", "Bristol", "Leeds", "Liverpool", "Manchester", "Newcastle", "Nottingham", "Sheffield", "Leicester",
  "Coventry", "Bradford", "Brighton", "Southampton", "Portsmouth", "Plymouth", "Reading", "Oxford", "Cambridge",
  "Surrey", "Kent", "Essex", "Hertfordshire", "Sussex",
];
