// adaptivecards-templating's typings import the TypeScript *source* of adaptivecards, which does not
// compile under our settings; its types are not used by us, so this stands in for it.
export type IAdaptiveCard = Record<string, unknown>;
