// Reusable rule sets.

// English designation for a CodeSystem concept whose display is Japanese.
// Usage inside a CodeSystem:  * insert En(#code, English text)
RuleSet: En(code, text)
* {code} ^designation[+].language = #en
* {code} ^designation[=].value = "{text}"

// Common metadata of every conformance resource of this IG.
RuleSet: ZtMeta
* ^status = #draft
* ^version = "0.1.0"
* ^experimental = false
* ^publisher = "Zaitaku FHIR"
* ^jurisdiction = urn:iso:std:iso:3166#JP "Japan"
