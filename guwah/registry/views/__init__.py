"""The documenter's pages. Each view asks ``access`` what the user may see, reads a form, and
hands the change to a service; nothing here decides a rule of its own.

One module per part of the record: ``persons`` (lists, the person page and form), ``family``
(names and ties), ``events`` (the timeline and its testimony and evidence), ``history``
(versions and restoring them) and ``reference`` (facilities, places and incidents).
"""
