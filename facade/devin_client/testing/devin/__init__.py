"""The Devin mock: one backend (all state, per organisation per resource) shared by every Devin
API version, each a handler package (``v1`` now) registered with the kernel, plus the Devin
admin routes and the :class:`~.mock.DevinMock` that puts them together.
"""
