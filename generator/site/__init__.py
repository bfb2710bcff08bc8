"""The published marketplace: the checked catalogue as a static site in Norwegian
(Material for MkDocs), with a static JSON API and the JSON Schemas.

    report = generator.site.build(root, out, today)

writes nothing unless the check passes; see `build.py` for the stages."""

from generator.site.build import BuildError, BuildReport, build

__all__ = ["BuildError", "BuildReport", "build"]
