"""The sandbox (test- og utprøvingsarena): a verification kit that tries FHIR R4
resources against a requirement set, in the manner of Inferno and Norsk
helsenett's Meldingsvalidatoren, and synthetic test data to try with.

Kept light on purpose: importing the package loads neither the FHIR models nor
FHIRPath. `generator.sandbox.kit` does, when a verification runs.

- requirements.py: requirement sets as versioned data (generator/data/requirements/)
- report.py, formats.py: the report and its text, JSON and Markdown forms
- inputs.py, positions.py: the JSON files given, and line numbers in them
- structure.py, invariants.py, vitals.py, parties.py, bundles.py, capability.py,
  privacy.py: the tests; live.py: checks against a FHIR test endpoint
- kit.py: runs the tests and builds the report
- declaration.py: what a solution record declares, resolved against its folder
- testdata.py, names.py: deterministic synthetic home-care data
"""
