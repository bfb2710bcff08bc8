"""Norwegian facts as pure functions, no I/O: identifiers (kommunenummer,
organisasjonsnummer, slugs), national identity numbers, working days and public
holidays, and how dates, kroner and percentages are written in bokmål."""
