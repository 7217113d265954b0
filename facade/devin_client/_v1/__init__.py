"""The Devin API v1 (generated package ``devin_api``): ``Devin``, ``AsyncDevin`` and one module
per resource.

Each resource module builds its calls from the generated facts of its endpoints
(``Call(op.OPERATION, op.build_request(...), parse=...)``), writes each decision once as a flow
(``devin_client._core._flows``), and has a sync and an async class whose methods hand that
flow to the client's driver.
"""
