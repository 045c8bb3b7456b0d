// English function words ("the", "your", "would"…): glue that carries no content, so they are
// never offered as what a guest "heard" even when a vector sits near them.
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being below between
  both but by can could did do does doing down during each few for from further had has have having he her here
  hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
  off on once only or other our ours ourselves out over own same she should so some such than that the their
  theirs them themselves then there these they this those through to too under until up very was we were what
  when where which while who whom why will with would you your yours yourself yourselves also said says say
  one two three get got go going gone come came make made take took much many well even still yet back way
  thing things something anything everything nothing someone anyone everyone stuff sure really just like
  let lets us may might must shall ever never always often per via upon onto within without across along
  around among toward towards though although however whether either neither since unless else`.split(/\s+/).filter(Boolean),
);
