"""edition-tools: plain-text transcripts to TEI P5, validated and published as reading editions."""

__version__ = "0.1.0"
