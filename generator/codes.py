"""Every diagnostic code the tool can report, with what it means (Norwegian).
CONTRIBUTING.md documents each one; a test holds the two together."""

from __future__ import annotations

CODES: dict[str, str] = {
    # Reading the file (generator/loading/yaml_files.py)
    "yaml-syntax": "Filen er ikke gyldig YAML (innrykk, kolon, anførselstegn).",
    "empty-file": "Filen er tom.",
    "multiple-documents": "Filen har mer enn ett YAML-dokument.",
    "not-a-mapping": "Filen er ikke en samling av felt (`navn: verdi`).",
    "duplicate-key": "Samme felt står to ganger i én samling.",
    "anchor": "YAML-anker (`&navn`) er ikke tillatt.",
    "alias": "YAML-referanse (`*navn`) er ikke tillatt.",
    "merge-key": "Flettenøkkelen `<<` er ikke tillatt.",
    "forbidden-tag": "YAML-tagger ut over kjernetaggene er ikke tillatt.",
    "complex-key": "Et feltnavn må være en enkel tekst.",
    "too-deep": "Strukturen er nestet dypere enn 20 nivåer.",
    "file-too-large": "Filen er større enn 256 KiB.",
    "bom": "Filen starter med byte order mark.",
    "encoding": "Filen er ikke UTF-8.",
    "forbidden-character": "NUL-, kontroll- eller retningstegn eller ikke-tegn i teksten, "
    "også skrevet som escape-sekvens.",
    "unreadable": "Filen kan ikke leses.",
    "symlink": "Symbolsk lenke i en datamappe.",
    "stray-file": "Noe annet enn en `.yaml`-fil i en datamappe.",
    "invalid-file-name": "Filnavnet er ingen gyldig id.",
    # One record against its model (generator/models/validation.py)
    "missing-field": "Et påkrevd felt mangler.",
    "unknown-field": "Et felt modellen ikke kjenner (ofte en skrivefeil).",
    "invalid-type": "Feil slags verdi: tekst, tall, sannhetsverdi, liste eller samling.",
    "invalid-choice": "En verdi som ikke er blant de tillatte (kategori, fase, område, status …).",
    "invalid-date": "En dato som ikke er ÅÅÅÅ-MM-DD eller ikke finnes i kalenderen.",
    "invalid-id": "En id som ikke er små bokstaver, sifre og bindestrek.",
    "invalid-orgnr": "Organisasjonsnummer med feil lengde eller kontrollsiffer.",
    "invalid-kommunenummer": "Kommunenummer som ikke er i SSBs liste for 2024.",
    "invalid-actor": "Verken kommunenummer eller leverandør-id.",
    "invalid-url": "Nettadresse som ikke er https, eller som har brukernavn/passord.",
    "invalid-email": "Ugyldig e-postadresse.",
    "invalid-github-login": "Ugyldig GitHub-brukernavn.",
    "invalid-text": "Tom tekst, for lang tekst eller linjeskift i et enlinjefelt.",
    "invalid-number": "Et tall utenfor det tillatte området, eller med mer enn 15 sifre.",
    "invalid-list": "En liste med for få eller for mange element (høyst 1000).",
    "incomplete-decision": "En beslutning mangler en del: opptak uten dato eller utfall, "
    "utelukkelse uten begrunnelse, fornyet egenerklæring uten forespørsel, eller kontrakt "
    "uten tildeling.",
    "invalid-value": "En annen ugyldig verdi.",
    "claimed-verification": "Et felt påstår at løsningen er verifisert; det avgjør sandkassen.",
    "inline-events": "Søknader eller forespørsler står som liste i posten; hver skal være "
    "en egen fil ved siden av den.",
    "municipality-name": "Kommunens navn er ikke det SSBs liste har for nummeret.",
    "incomplete-answer": "Et svar mangler dato, utfall eller tekst.",
    # Across records (generator/catalogue/checks/)
    "duplicate-id": "To poster av samme slag har samme id.",
    "id-mismatch": "`id` er ikke lik filnavnet.",
    "solution-reference": "En løsning viser til en leverandør eller et behov som ikke finnes.",
    "need-reference": "Et behov viser til en leverandør eller løsning som ikke finnes.",
    "experience-reference": "En erfaring viser til noe som ikke finnes.",
    "dps-reference": "En søker i en innkjøpsordning er ikke registrert, eller søker to ganger.",
    "calloff-reference": "Et uttak viser til en ordning eller et behov som ikke finnes.",
    "calloff-supplier": "En invitert eller tildelt leverandør er ikke tatt opp i ordningen.",
    "award-solution": "Tildelt løsning finnes ikke eller tilhører en annen leverandør.",
    "event-file-name": "En hendelsesfil har et navn som ikke svarer til innholdet "
    "(`<leverandør>-<dato>`, `<aktør>-<dato>`, `001`).",
    "duplicate-orgnr": "To leverandører har samme organisasjonsnummer.",
    "sandbox-declaration": "Ukjent kravsett eller evne, eller en eksempelressurs som mangler "
    "eller ligger utenfor løsningens mappe.",
    # Procurement rules with dates (generator/procurement/rules/)
    "date-order": "To datoer står i feil rekkefølge.",
    "dps-request-window": "Fristen for forespørsler er kortere enn 30 dager (FOA § 26-5).",
    "dps-decision-deadline": "En forespørsel er ikke avgjort innen 10 (15) virkedager.",
    "calloff-dps-validity": "Uttaket er utenfor ordningens gyldighet eller kategori.",
    "dps-extension": "En forlengelse er kunngjort etter at ordningen var utløpt.",
    "calloff-invited": "Uttaket inviterer ikke nøyaktig de som var tatt opp og ikke "
    "utelukket den dagen.",
    "espd-renewal": "En leverandør har ikke fornyet egenerklæringen (ESPD) innen fem "
    "virkedager (advarsel).",
    "award-criteria-dps": "Uttakets tildelingskriterier avviker fra dem ordningen "
    "kunngjorde, eller ordningen har ingen.",
    "calloff-question": "Et spørsmål er besvart for sent eller utenfor konkurransen, eller "
    "teksten nevner en leverandør.",
    "tender-period": "Tilbudsfristen er kortere enn 10 dager.",
    "award-rules": "Tildeling før fristen, eller tildelingskriterier som ikke holder.",
    "climate-weight": "Klima og miljø vektes under 30 % uten begrunnet unntak (FOA § 7-9).",
    "award-notice": "Tildelingen er ikke kunngjort innen 30 dager etter signering.",
    "dps-ceiling": "Tildelt verdi nærmer seg (80 %) eller passerer anslått maksimalverdi.",
    "milestone-overdue": "En kontraktsmilepæl er passert uten å være nådd (advarsel).",
    # Sandbox verification of solutions (generator/sandbox/not_verified.py, generator/sandbox/)
    "not-verified": "Løsningens eksempelressurser består ikke kravsettet (advarsel).",
    # Who may change what, in a pull request (generator/github/authorize.py)
    "not-authorized": "Du har ikke lov til å endre filen; meldingen sier hvem som har det.",
    "record-removed": "Bare markedsplassteamet kan slette en post eller gi den nytt navn.",
    "author-not-listed": "En ny post har ikke deg blant vedlikeholderne (`maintainers`).",
    "own-decision": "Ingen kan registrere beslutningen om sin egen leverandørs søknad.",
    "not-acting-for": "Du står ikke blant dem som kan handle for kommunen eller "
    "leverandøren du skriver i navnet til.",
    # Issue forms (generator/github/intake.py)
    "intake-form": "Et skjema mangler et felt eller viser til noe som ikke finnes.",
}
