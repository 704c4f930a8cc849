"""Procurement: score outsourcers' RFP responses against a weighted rubric.

Data flows one way, as in the compliance engine: rubric + vendor responses + evaluator score
sheets (+ optional evidence bundles) → :mod:`ccc_audit.rfp.inputs` → :mod:`ccc_audit.rfp.scoring`
and :mod:`ccc_audit.rfp.sensitivity` → one result (:mod:`ccc_audit.rfp.result`) → reporters.
"""
