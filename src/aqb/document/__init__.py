"""Signed documents as read: one reader per format, one model (`aqb.document.model`).

`read_document(path)` reads a text, PDF or Word file into a `Document` (`kind_of` in
`aqb.document.formats` decides which files are accepted); `flat_lines` (`aqb.document.segment`)
turns a Document into lines for readers of structureless text.
"""
