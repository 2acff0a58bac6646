"""Transcripts to TEI.

The pipeline, in one direction::

    transcript text (+ .meta.toml)
      -> layouts/<layout>.py   read(text, path, meta) -> Document   (blocks, each with its source line)
      -> inline.py             block text -> TEI mixed content (brackets, [sic], notes, quotes, pb)
      -> speech.py, names.py, dates.py   passes over the TEI elements of each block
      -> writer.py             Document -> TEI tree (the only place TEI elements are made from blocks)
      -> textcheck.py          no word lost, in order; a mismatch fails the file
"""
