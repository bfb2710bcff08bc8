"""The data of each page, shaped in Python: one module per record kind, and one
for the section pages. Views return plain dicts of strings (escaped when
written) and `Markup` (links and cleaned free text) for the templates."""
