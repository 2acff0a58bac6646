"""Building an edition: the incremental pipeline (:mod:`.pipeline`), its cache (:mod:`.cache`), the
lock that keeps builds apart (:mod:`.lock`), the parts it drives (:mod:`.tools`) and the preview
server (:mod:`.serve`)."""

from .pipeline import BuildOptions, BuildReport, build

__all__ = ["BuildOptions", "BuildReport", "build"]
