"""What the two source documents set out, as codes that cards, questions and aggregates share.

Names here are for staff and reports; children never see these words.
"""

# "Trafficking in Children": eight recommendations in the child's own voice.
RECOMMENDATIONS = {
    1: "First and foremost, I'm a child!",
    2: "Keep me safe!",
    3: "Who will take care of me?",
    4: "Who will nurse me back to health?",
    5: "Act in my best interest",
    6: "What if I cannot go back home?",
    7: "What if I come from another country?",
    8: "I'm the victim, not the offender",
}

# "Child-friendly Standards and Guidelines": the twelve guiding principles.
PRINCIPLES = {
    1: "Each child is an individual; the process follows their best interests",
    2: "No discrimination",
    3: "No detention",
    4: "Privacy and confidentiality",
    5: "Protection from neglect and all abuse",
    6: "The child's views are sought and considered",
    7: "Children know their rights and responsibilities",
    8: "Respect, affection, dignity; self-reliance and resilience",
    9: "Family and community care before institutions",
    10: "No separation from family unless there is risk",
    11: "Care providers work in networks",
    12: "Care providers are trained and qualified",
}

# The three stages of care.
STAGES = {
    "arriving": "Intake and assessment",
    "staying": "Interim care and support (healing and strengthening)",
    "moving_on": "Integration and continuing care",
}

# The sixteen services and rights throughout recovery and integration.
SERVICES = {
    "accommodation": "Safe and adequate accommodation",
    "legal_support": "Legal support",
    "health_care": "Physical health care",
    "psychosocial_support": "Counselling and psychosocial support",
    "education": "Education",
    "vocational_training": "Vocational training and job placement",
    "life_skills": "Life skills",
    "recreation": "Recreation",
    "culture_religion": "Culture and religion",
    "nutrition": "Nutrition",
    "family_access": "Access to family",
    "community_access": "Access to the community",
    "protection_staffing": "Child protection and staffing",
    "discipline": "Discipline",
    "case_management": "Case management",
    "participation": "Child participation",
}
