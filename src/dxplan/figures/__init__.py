"""The public figures: what the public may see of an indicator, read once for every face.

`read` gives plain records (`records`) of an indicator, its series, its public figures
(Observation.objects.public(), the one definition) and their assessment, in a fixed number of
queries; `presentation` words them (status counts, the rule, the method, a series' rows and
chart), `downloads` lays them out for CSV and JSON. The portal, the API (and reports and
exports) read these; the apps do not import them.
"""
