"""Shared rendering (private): the one citation formatter, link list, reader texts and JSON views.

Every surface that shows a record to a person or a program (exports, pages, chat tools,
the CLI) goes through this layer, so the same paper is cited, linked and explained the
same way everywhere.
"""
