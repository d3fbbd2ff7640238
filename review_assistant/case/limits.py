"""Every size and time limit, in one place: the CLI, the API, the web workspace and batch evaluation give the same
answer for the same input (README 限制).

PACKAGE_BYTES   one case package, wherever it comes from (a file, an API body, a batch item, an upload, a zip member)
BATCH_ITEMS     packages in one /v1/reviews:batch request
REQUEST_BYTES   one batch request body (BATCH_ITEMS packages of ordinary size; each one still within PACKAGE_BYTES)
FORM_BYTES      a web form post (an uploaded or pasted package plus the form's own fields)
SMALL_BYTES     any other request body (decisions, tokens, sign-in)
REVIEW_SECONDS  time budget of one review: past it the review stops with a clear error, never a stuck worker
"""
MIB = 1024 * 1024
PACKAGE_BYTES = 5 * MIB
BATCH_ITEMS = 50
REQUEST_BYTES = 20 * MIB
FORM_BYTES = PACKAGE_BYTES + MIB
SMALL_BYTES = 256 * 1024
REVIEW_SECONDS = 30.0
