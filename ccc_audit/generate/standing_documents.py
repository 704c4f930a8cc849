"""The standing documents of a synthetic bundle (policies, procedures, plans): texts as data."""

from __future__ import annotations

from ccc_audit.generate.document_model import GeneratedDocument

STANDING_DOCUMENTS: tuple[GeneratedDocument, ...] = (
    GeneratedDocument(
        "policy-statement",
        "policy_statement",
        "Policy statement",
        "Executive management",
        ("customer_experience", "employee_experience", "quality"),
        (
            ("Customer experience", "We design every contact around the customer's effort and outcome."),
            ("Quality", "Every customer service staff member is evaluated and coached every month."),
            ("Employee experience", "We survey our people every year and act on the results."),
        ),
    ),
    GeneratedDocument(
        "business-plan",
        "business_plan",
        "Annual business plan",
        "Planning office",
        (),
        (
            ("Customer feedback", "Survey and complaint analysis drives the improvement themes of the year."),
            ("Volume forecast", "Contact volumes are forecast per program, channel and interval."),
            ("Financial goals", "Cost per contact within 2 % of budget; margin of 8 %."),
            ("Non-financial goals", "Service level of 80 % in 20 seconds; satisfaction of 4.2 of 5."),
        ),
    ),
    GeneratedDocument(
        "continuity-plan",
        "continuity_plan",
        "Business continuity plan",
        "Operations",
        (),
        (
            (
                "Short interruption",
                "Up to 6 hours: reroute queues to the other site and manage in real time.",
            ),
            (
                "Long outage",
                "More than 6 hours: restore service at the other site and protect data integrity.",
            ),
        ),
    ),
    GeneratedDocument(
        "complaints-procedure",
        "complaints_procedure",
        "Complaints procedure",
        "Quality assurance",
        (),
        (
            ("Receipt", "Complaints are logged on receipt, with any alleged breach of law flagged."),
            ("Investigation", "Each complaint is investigated by a named owner within 5 working days."),
            ("Response", "The customer receives a written response with the outcome."),
            ("Escalation to client", "Complaints alleging a breach of law are escalated to the client."),
        ),
    ),
    GeneratedDocument(
        "cx-strategy",
        "cx_strategy",
        "Customer experience strategy",
        "Customer experience office",
        (),
        (("Strategy", "Aligned with each client's strategy and reviewed with them every year."),),
    ),
    GeneratedDocument(
        "privacy-policy",
        "privacy_policy",
        "Privacy policy",
        "Data protection officer",
        (),
        (
            (
                "Personal data",
                "Customer data is used only to serve the customer and kept no longer than needed.",
            ),
        ),
    ),
    GeneratedDocument(
        "workforce-plan",
        "workforce_plan",
        "Workforce plan",
        "Workforce management",
        ("volume_forecast", "capacity_model"),
        (
            ("Volume forecast", "Volumes and handle times are forecast per program and channel."),
            ("Staffing", "Staffing is planned from the interval forecast in 30-minute intervals."),
        ),
    ),
    GeneratedDocument(
        "client-agreement",
        "client_agreement",
        "Client service agreement",
        "Account management",
        (),
        (("Service levels", "Service levels, reporting and escalation are agreed with each client."),),
    ),
    GeneratedDocument(
        "vendor-contract",
        "vendor_contract",
        "Contract with the telephony and chat platform vendor",
        "Procurement",
        (),
        (
            ("Scope of support", "Hosting, operation and second-line support of the ACD and chat platform."),
            ("Transactions and volumes", "Up to 1.5 times the forecast contact volume of each program."),
            (
                "KPIs and targets",
                "Platform availability of 99.9 % a month; incidents resolved within the SLA.",
            ),
            ("Continuity", "Fail-over to the second data centre within 30 minutes of a site outage."),
            ("Compliance", "The vendor complies with data protection law and the client's security rules."),
        ),
    ),
    GeneratedDocument(
        "it-incident-sla",
        "it_incident_sla",
        "IT incident service level agreement",
        "IT service management",
        (),
        (
            ("Severity levels", "Severity 1 stops customer service; severity 4 is a minor fault."),
            (
                "Resolution targets by severity",
                "Severity 1 within 4 hours, 2 within 8 hours, 3 within 24 hours, 4 within 72 hours.",
            ),
        ),
    ),
    GeneratedDocument(
        "competency-framework",
        "competency_framework",
        "Competency framework",
        "Human resources",
        (),
        (
            (
                "Customer service staff (CSS)",
                "At hiring: communication; trained: products, procedures and law.",
            ),
            ("Supervisor", "At hiring: coaching experience; trained: monitoring, scheduling and reporting."),
            ("Quality analyst", "At hiring: CSS experience; trained: evaluation forms and calibration."),
            (
                "Workforce planner",
                "At hiring: numeracy; trained: forecasting, scheduling and real-time control.",
            ),
            ("Trainer", "At hiring: presentation skills; trained: course design and skill verification."),
            ("Recruiter", "At hiring: interviewing; trained: selection criteria and employment law."),
        ),
    ),
    GeneratedDocument(
        "service-journeys",
        "service_journey_map",
        "Service journey maps",
        "Customer experience office",
        (),
        (("Journeys", "Each journey's start, end, touchpoints, back-office steps and KCRPs."),),
    ),
    GeneratedDocument(
        "corrective-action-procedure",
        "corrective_action_procedure",
        "Corrective action procedure",
        "Quality assurance",
        (),
        (
            ("Root-cause analysis", "Every missed target is analysed with a 5-Why or a fishbone."),
            ("Corrective action", "Each cause gets an action, an owner and a due date."),
            ("Verification of effectiveness", "The metric is tracked for three months after the action."),
        ),
    ),
    GeneratedDocument(
        "performance-management",
        "performance_management_procedure",
        "Performance management procedure",
        "Human resources",
        (),
        (("Individual targets", "Every CSS reviews personal targets with a supervisor each month."),),
    ),
    GeneratedDocument(
        "kpi-schedule",
        "kpi_schedule",
        "KPI schedule",
        "Planning office",
        (),
        (("Measures", "Definition, target, owner and review frequency of every measure."),),
    ),
    GeneratedDocument(
        "job-descriptions",
        "job_description",
        "Job descriptions",
        "Human resources",
        (),
        (("Roles", "Duties of CSS, supervisors, quality analysts, planners, trainers and recruiters."),),
    ),
    GeneratedDocument(
        "qa-procedure",
        "qa_procedure",
        "Quality assurance procedure",
        "Quality assurance",
        (),
        (("Evaluation", "Evaluation form, critical errors, sampling and the link to coaching."),),
    ),
    GeneratedDocument(
        "infrastructure",
        "infrastructure_description",
        "Contact handling infrastructure",
        "IT service management",
        (),
        (("Channels", "How voice, email and chat contacts are received, routed and logged."),),
    ),
    GeneratedDocument(
        "information-security-policy",
        "information_security_policy",
        "Information security policy",
        "Information security officer",
        (),
        (("Controls", "Access control, media handling and incident response."),),
    ),
    GeneratedDocument(
        "cost-model",
        "cost_model",
        "Cost model",
        "Finance",
        (),
        (
            (
                "Efficiency gains",
                "Handle time, occupancy and output per hour, and the staff hours each saves.",
            ),
            ("Cost savings", "Staff hours saved priced at the loaded hourly labour cost of each program."),
            (
                "Cost of attrition",
                "Hiring, training and ramp-up cost of each leaver, behind the attrition target.",
            ),
            ("Cost of absence", "Cover and overtime cost of each absent hour, behind the absence target."),
        ),
    ),
)
