"""The pages on state positions, by what they are for: the public pages (:mod:`.pages`), the
groups of states (:mod:`.groups`), the exports and JSON API (:mod:`.api`) and the editors'
forms (:mod:`.editors`).

The pages are public (:func:`access.anyone`); the forms are for those
:func:`access.can_edit_positions` lets in, and write only through
:mod:`guwah.positions.services`. Query parameters are checked before they reach the database: a
bad one is a bad request (400) or is ignored, never an error of the server.
"""
