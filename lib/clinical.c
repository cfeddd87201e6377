/*
 * clinical.c - every clinical number of the library, with its source.
 *
 * The values and decisions are those of ../shared/design/CLINICAL.md; "seed"
 * is the evidence review Pain: Clinical Updates, "Ketamine in pain
 * medicine".  Change a number here and nowhere else; the logic in the other
 * files reads these tables only.
 */
#include <stddef.h>

#include "internal.h"

/* Scalar constants of the formulas and conversions. */
const ket_clinical_constants ket_clinical = {
	.kg_per_lb = 0.45359237,       /* international pound, exact (1959) */
	.cm_per_inch = 2.54,           /* international inch, exact */
	.devine_male_kg = 50.0,        /* Devine 1974 ideal body weight */
	.devine_female_kg = 45.5,      /* Devine 1974 */
	.devine_kg_per_inch = 2.3,     /* Devine 1974, per inch over 60 in */
	.devine_base_height_in = 60.0, /* Devine 1974 */
	.ideal_height_min_cm = 152.4,  /* CLINICAL.md: 60 in, Devine's base */
	.ideal_height_max_cm = 250.0,  /* CLINICAL.md: = KET_HEIGHT_CM_MAX */
	.lean_height_min_cm = 45.0,    /* CLINICAL.md: = KET_HEIGHT_CM_MIN */
	.lean_height_max_cm = 250.0,   /* CLINICAL.md */
	.lean_numerator = 9270.0,      /* Janmahasatian 2005 lean body weight */
	.lean_male_a = 6680.0,         /* Janmahasatian 2005, male */
	.lean_male_b = 216.0,          /* Janmahasatian 2005, male, x BMI */
	.lean_female_a = 8780.0,       /* Janmahasatian 2005, female */
	.lean_female_b = 244.0,        /* Janmahasatian 2005, female, x BMI */
	.adjusted_fraction = 0.4,      /* CLINICAL.md adjusted body weight:
	                                  ideal + 0.4 x (actual - ideal) */
	.adult_age_years = 18.0,       /* CLINICAL.md: ideal/adjusted/lean are
	                                  adult formulas */
	.base_g_per_mol = 237.73,      /* ketamine base, C13H16ClNO */
	.hydrochloride_g_per_mol = 274.19, /* ketamine hydrochloride */
	.esketamine_per_racemic_mg = 0.5, /* Peltoniemi, Clin Pharmacokinet
	                                     2016;55:1059: S(+) about twice
	                                     as potent as the racemate; seed
	                                     "twice the analgesic potency" */
	.mg_per_ml_per_percent = 10.0, /* 1 % w/v = 1 g/100 mL = 10 mg/mL */
	.percent_max = 10.0,           /* 100 mg/mL, the strongest vial */
	/* Benitez-Rosario, J Pain Symptom Manage 2011: 1:1 parenteral to oral
	 * kept 27 of 29 controlled; a US hospital guide reports 0.3-1.15 mg
	 * oral per mg IV.  API.md accepts [0.1, 2] and warns above 1. */
	.oral_ratio_min = 0.1,
	.oral_ratio_max = 2.0,
	.oral_ratio_practice = 1.0,
	/* Same guide: divide q8h, range q4-12h; CLINICAL.md 1-6 doses. */
	.oral_doses_min = 1,
	.oral_doses_max = 6,
	.oral_step_min_mg = 0.5,       /* API.md dose step [0.5, 50] mg */
	.oral_step_max_mg = 50.0,
};

/* Built-in limit profiles: CLINICAL.md "Built-in limit profiles".  Fields in
 * ket_limits order; 0 = none.  Starting points a hospital must review. */
static const ket_limits profiles[] = {
	[KET_PROFILE_LOW_DOSE_ANALGESIA] = {
		.form = KET_FORM_RACEMIC,
		.weight_soft_min_kg = 40.0,
		.weight_soft_max_kg = 150.0,
		.concentration_max_mg_per_ml = 5.0, /* NHS Highland 5 mg/mL */
		.infusion_soft_min_mg_per_kg_per_h = 0.05, /* seed 0.05-0.2 */
		.infusion_soft_max_mg_per_kg_per_h = 0.2,  /* seed 0.05-0.2 */
		.infusion_hard_max_mg_per_kg_per_h = 0.5,  /* ANZCA FPM PM12 2021 */
		.infusion_soft_max_mg_per_h = 25.0, /* NHS Highland >= 50 kg */
		.infusion_cap_mg_per_h = 0.0,
		.bolus_soft_max_mg_per_kg = 0.2,
		.bolus_hard_max_mg_per_kg = 0.35,   /* ASRA 2018 (Schwenk) */
		.bolus_soft_max_mg = 25.0,
		.bolus_cap_mg = 0.0,
		.daily_soft_max_mg_per_24h = 0.0,
		.daily_hard_max_mg_per_24h = 0.0,
		.pca_hard_max_mg_per_kg_per_h = 0.5, /* = infusion hard max */
		.oral_soft_max_mg_per_24h = 240.0,   /* seed: long-term 100-240 */
		.oral_hard_max_mg_per_24h = 800.0,   /* highest reported */
	},
	[KET_PROFILE_ACUTE_PAIN_ASRA] = {
		.form = KET_FORM_RACEMIC,
		.weight_soft_min_kg = 40.0,
		.weight_soft_max_kg = 150.0,
		.concentration_max_mg_per_ml = 5.0,
		.infusion_soft_min_mg_per_kg_per_h = 0.05, /* seed */
		.infusion_soft_max_mg_per_kg_per_h = 0.5,
		.infusion_hard_max_mg_per_kg_per_h = 1.0,  /* ASRA 2018 */
		.infusion_soft_max_mg_per_h = 50.0,
		.infusion_cap_mg_per_h = 0.0,
		.bolus_soft_max_mg_per_kg = 0.2,
		.bolus_hard_max_mg_per_kg = 0.35,   /* ASRA 2018 */
		.bolus_soft_max_mg = 35.0,
		.bolus_cap_mg = 0.0,
		.daily_soft_max_mg_per_24h = 0.0,
		.daily_hard_max_mg_per_24h = 0.0,
		.pca_hard_max_mg_per_kg_per_h = 1.0, /* = infusion hard max */
		.oral_soft_max_mg_per_24h = 240.0,   /* seed */
		.oral_hard_max_mg_per_24h = 800.0,   /* highest reported */
	},
	[KET_PROFILE_PALLIATIVE_BURST] = {
		.form = KET_FORM_RACEMIC,
		.weight_soft_min_kg = 30.0,
		.weight_soft_max_kg = 150.0,
		.concentration_max_mg_per_ml = 50.0, /* syringe drivers */
		.infusion_soft_min_mg_per_kg_per_h = 0.0,
		.infusion_soft_max_mg_per_kg_per_h = 0.5,
		.infusion_hard_max_mg_per_kg_per_h = 1.0,
		.infusion_soft_max_mg_per_h = 0.0,
		.infusion_cap_mg_per_h = 0.0,
		.bolus_soft_max_mg_per_kg = 0.1,
		.bolus_hard_max_mg_per_kg = 0.35,
		.bolus_soft_max_mg = 25.0,
		.bolus_cap_mg = 0.0,
		.daily_soft_max_mg_per_24h = 500.0, /* Jackson, J Pain Symptom
		                                       Manage 2001;22:834; seed
		                                       100-500 mg/24 h */
		.daily_hard_max_mg_per_24h = 700.0, /* hospice protocol stop */
		.pca_hard_max_mg_per_kg_per_h = 1.0, /* = infusion hard max */
		.oral_soft_max_mg_per_24h = 240.0,   /* seed */
		.oral_hard_max_mg_per_24h = 800.0,   /* highest reported */
	},
	[KET_PROFILE_PEDIATRIC_ANALGESIA] = {
		.form = KET_FORM_RACEMIC,
		.weight_soft_min_kg = 3.0,
		.weight_soft_max_kg = 60.0,
		.concentration_max_mg_per_ml = 5.0,
		.infusion_soft_min_mg_per_kg_per_h = 0.1,  /* CHEO monograph */
		.infusion_soft_max_mg_per_kg_per_h = 0.3,  /* CHEO, Sheehy */
		.infusion_hard_max_mg_per_kg_per_h = 0.6,  /* 2 x analgesic max */
		.infusion_soft_max_mg_per_h = 15.0, /* NHS Highland < 50 kg */
		.infusion_cap_mg_per_h = 0.0,
		.bolus_soft_max_mg_per_kg = 0.25,   /* eTG increment */
		.bolus_hard_max_mg_per_kg = 0.5,
		.bolus_soft_max_mg = 15.0,
		.bolus_cap_mg = 0.0,
		.daily_soft_max_mg_per_24h = 0.0,
		.daily_hard_max_mg_per_24h = 0.0,
		.pca_hard_max_mg_per_kg_per_h = 0.6, /* = infusion hard max */
		.oral_soft_max_mg_per_24h = 60.0,  /* 1/4 adult, unsourced:
		                                      set for review */
		.oral_hard_max_mg_per_24h = 200.0, /* 1/4 adult, unsourced */
	},
};

/* Routes: CLINICAL.md "Route bioavailability".  f[basis] = {point, low,
 * high}; basis 0 ketamine alone, 1 with norketamine as ketamine
 * equivalents.  The last column is the first-order absorption rate
 * constant used in simulation (CLINICAL.md decision: the ka at which a
 * single dose simulated with Domino 1984 at 70 kg peaks at the published
 * time): IM 20 min (published IM peak), SC 30 min (seed "slower but still
 * extensive"), oral 30 min (seed "peak level 30 minutes"), sublingual
 * 120 min (seed), intranasal 20 min (2022 study 14-23 min), rectal 40 min
 * (uncertain, animal data). */
static const ket_route_row routes[] = {
	/* IV: 1 by definition. */
	[KET_ROUTE_IV] = { "KET_ROUTE_IV", "intravenous", { 1, 1 },
		{ { 1.0, 1.0, 1.0 }, { 1.0, 1.0, 1.0 } }, 0, 0,
		0.0 /* IV: no absorption */ },
	/* IM: Clements, Nimmo & Grant, J Pharm Sci 1982 (0.93); seed
	 * "approximately 90%"; no first pass, so with norketamine = alone. */
	[KET_ROUTE_IM] = { "KET_ROUTE_IM", "intramuscular", { 1, 1 },
		{ { 0.93, 0.90, 0.93 }, { 0.93, 0.90, 0.93 } }, 0, 0,
		0.01148 },
	/* SC: seed "approximately 90% bioavailability"; range to IM 0.93. */
	[KET_ROUTE_SC] = { "KET_ROUTE_SC", "subcutaneous", { 1, 1 },
		{ { 0.90, 0.90, 0.93 }, { 0.90, 0.90, 0.93 } }, 0, 0,
		0.007976 },
	/* Oral: seed 23 % and ~55 % with norketamine; Clements 1982 0.17;
	 * Chong 2009 combined 59 %. */
	[KET_ROUTE_ORAL] = { "KET_ROUTE_ORAL", "oral", { 1, 1 },
		{ { 0.23, 0.17, 0.24 }, { 0.55, 0.54, 0.59 } }, 1, 0,
		0.007976 },
	/* Sublingual: seed 32 % and ~55 %; Rolan 2014 wafer 0.29; Yanagihara
	 * 2003 0.30; Chong 2009 combined 54 %. */
	[KET_ROUTE_SUBLINGUAL] = { "KET_ROUTE_SUBLINGUAL", "sublingual",
		{ 1, 1 },
		{ { 0.32, 0.24, 0.32 }, { 0.55, 0.54, 0.59 } }, 1, 0,
		0.003369 },
	/* Intranasal: Yanagihara 2003 0.45; a 2022 study 0.11-0.17. */
	[KET_ROUTE_INTRANASAL] = { "KET_ROUTE_INTRANASAL", "intranasal",
		{ 1, 0 },
		{ { 0.45, 0.11, 0.50 }, { 0, 0, 0 } }, 1, 0,
		0.01148 },
	/* Rectal: Malinovsky 1996 0.25; Yanagihara 2003 0.30. */
	[KET_ROUTE_RECTAL] = { "KET_ROUTE_RECTAL", "rectal", { 1, 0 },
		{ { 0.25, 0.25, 0.30 }, { 0, 0, 0 } }, 1, 0,
		0.006819 },
	/* Transdermal: the patch is specified by delivered mg/24 h (seed:
	 * 25 mg over 24 h), not by bioavailability. */
	[KET_ROUTE_TRANSDERMAL] = { "KET_ROUTE_TRANSDERMAL", "transdermal",
		{ 0, 0 }, { { 0, 0, 0 }, { 0, 0, 0 } }, 0, 0,
		0.0 },
	/* Neuraxial: local action, never a systemic dose; seed: preserved
	 * products "should not be used centrally". */
	[KET_ROUTE_EPIDURAL] = { "KET_ROUTE_EPIDURAL", "epidural", { 0, 0 },
		{ { 0, 0, 0 }, { 0, 0, 0 } }, 0, 1,
		0.0 },
	[KET_ROUTE_INTRATHECAL] = { "KET_ROUTE_INTRATHECAL", "intrathecal",
		{ 0, 0 }, { { 0, 0, 0 }, { 0, 0, 0 } }, 0, 1,
		0.0 },
};

const ket_limits *ket_profile_row(int32_t profile)
{
	if (profile < 0 ||
	    (size_t)profile >= sizeof profiles / sizeof profiles[0])
		return NULL;
	return &profiles[profile];
}

const ket_route_row *ket_route_row_for(int32_t route)
{
	if (route < 0 || (size_t)route >= sizeof routes / sizeof routes[0])
		return NULL;
	return &routes[route];
}

/* PK models: CLINICAL.md "Pharmacokinetic models" (k in 1/min, V in L).
 * Populations (CLINICAL.md decision): adult models 40-140 kg and 18 years
 * or more; Herd 1-14 years and 10.8-74.8 kg, and needs the age. */
static const ket_pk_model_row pk_models[] = {
	/* Domino et al., Clin Pharmacol Ther 1984;36:645. */
	[KET_PK_DOMINO_1984] = { 3, 1, 0.063, 0.438, 0.592, 0.247, 0.590,
		0.0146, { 0, 0, 0 }, { 0, 0, 0 }, 1.0, 40.0, 140.0, 18.0, 0.0,
		0 },
	/* Clements & Nimmo, Br J Anaesth 1981;53:27. */
	[KET_PK_CLEMENTS_1981] = { 2, 1, 1.7522, 0.0109, 0.0186, 0.0137, 0.0,
		0.0, { 0, 0, 0 }, { 0, 0, 0 }, 1.0, 40.0, 140.0, 18.0, 0.0,
		0 },
	/* Hijazi et al., Br J Anaesth 2003;90:155 (adult ICU). */
	[KET_PK_HIJAZI_2003] = { 2, 1, 1.08, 0.0333, 0.0088, 0.0030, 0.0,
		0.0, { 0, 0, 0 }, { 0, 0, 0 }, 1.0, 40.0, 140.0, 18.0, 0.0,
		0 },
	/* Herd et al., Paediatr Anaesth 2007: V1 38.7, V2 102 L per 70 kg;
	 * CL 90, Q 215 L/h per 70 kg, allometric exponent 0.75. */
	[KET_PK_HERD_2007] = { 2, 0, 0.0, 0, 0, 0, 0, 0,
		{ 38.7, 102.0, 0.0 }, { 90.0, 215.0, 0.0 }, 0.75, 10.8, 74.8,
		1.0, 14.0, 1 },
	/* Kamp et al., Anesthesiology 2020;133:1192: V1 25, V2 56, V3 157 L;
	 * CL 84, Q2 161, Q3 79 L/h per 70 kg, linear in weight. */
	[KET_PK_KAMP_2020] = { 3, 0, 0.0, 0, 0, 0, 0, 0,
		{ 25.0, 56.0, 157.0 }, { 84.0, 161.0, 79.0 }, 1.0, 40.0, 140.0,
		18.0, 0.0, 0 },
};

const ket_pk_model_row *ket_pk_model_row_for(int32_t model)
{
	if (model < 0 ||
	    (size_t)model >= sizeof pk_models / sizeof pk_models[0])
		return NULL;
	return &pk_models[model];
}

/* Burst plans, by response_day: Jackson et al., J Pain Symptom Manage
 * 2001;22:834: 100 -> 300 -> 500 mg/24 h while there is no response, the
 * dose that works (or 500 mg/24 h) continued for 3 days in all; seed
 * "100-500 mg/24 hours for 3-5 days". */
static const ket_burst_plan burst_plans[] = {
	[0] = { 5, { 100.0, 300.0, 500.0, 500.0, 500.0 } }, /* no response */
	[1] = { 3, { 100.0, 100.0, 100.0 } },
	[2] = { 4, { 100.0, 300.0, 300.0, 300.0 } },
	[3] = { 5, { 100.0, 300.0, 500.0, 500.0, 500.0 } },
};

const ket_burst_plan *ket_burst_plan_for(int32_t response_day)
{
	if (response_day < 0 ||
	    (size_t)response_day >= sizeof burst_plans / sizeof burst_plans[0])
		return NULL;
	return &burst_plans[response_day];
}
