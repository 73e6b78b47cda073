"""Right and wrong answers to m06's questions, which `academy validate` judges. Right ones differ in how dates,
opt-outs, groups and HMAC pseudonyms are worked out, and in the generalisation the learner chooses (10, 15 or 20-year
bands); wrong ones trust the status, misread a boundary day (1 April 2025), drop the opt-outs on the wrong date, hash
without the key or by hand instead of an HMAC, group too little, choose columns that lose most people, or scramble and
duplicate rows."""

#: exercise -> answer-cell code a learner might write that must PASS (another method, column order,
#: dtype, index, rounding the question allows...). At least 2 per exercise, genuinely different
#: from the published solution and from each other.
RIGHT = {
    "q1": [
        # query with the date as text; only the two columns that say whose consent and for what
        "answer_q1 = consent.query(\"given_on <= '2025-04-01' and expires_on > '2025-04-01' \"\n"
        "                          \"and not (withdrawn_on <= '2025-04-01')\")[['person_id', 'purpose']]",
        # never-withdrawn consents spelled out with isna(), comparison methods, a fresh index
        "day = pd.to_datetime('1 April 2025')\n"
        "started = consent['given_on'].le(day)\n"
        "not_expired = consent['expires_on'].gt(day)\n"
        "not_withdrawn = consent['withdrawn_on'].isna() | consent['withdrawn_on'].gt(day)\n"
        "answer_q1 = consent[started & not_expired & not_withdrawn].reset_index(drop=True)",
        # an empty withdrawn_on filled with the expiry date: in force until whichever comes first
        "day = pd.Timestamp(2025, 4, 1)\n"
        "ends = consent['withdrawn_on'].fillna(consent['expires_on']).clip(upper=consent['expires_on'])\n"
        "answer_q1 = consent.loc[(consent['given_on'] <= day) & (ends > day)]",
    ],
    "q6": [
        # a merge with the NHS consents, the opt-outs left out with a set difference, a list
        "nhs = answer_q1[answer_q1['purpose'] == 'Sharing with NHS partners']\n"
        "by_then = data_opt_outs[data_opt_outs['opted_out_on'] <= pd.Timestamp('2025-04-01')]\n"
        "answer_q6 = sorted(set(nhs['person_id']) - set(by_then['person_id']))",
        # the opt-outs merged on (people listed twice keep one row each), rows with no opt-out by then kept
        "first = data_opt_outs.groupby('person_id', as_index=False)['opted_out_on'].min()\n"
        "nhs = answer_q1.query(\"purpose == 'Sharing with NHS partners'\")[['person_id']]\n"
        "both = nhs.merge(first, on='person_id', how='left')\n"
        "answer_q6 = both.loc[~(both['opted_out_on'] <= '2025-04-01'), 'person_id']",
        # a table of the residents themselves, not just their IDs
        "nhs_ids = answer_q1.loc[answer_q1['purpose'] == 'Sharing with NHS partners', 'person_id']\n"
        "opted = data_opt_outs.loc[data_opt_outs['opted_out_on'].le('2025-04-01'), 'person_id']\n"
        "answer_q6 = residents[residents['person_id'].isin(nhs_ids) & ~residents['person_id'].isin(opted)]",
    ],
    "q2": [
        # a merge with the people to share, an HMAC in a list comprehension, partition for the district
        "people = residents.merge(pd.DataFrame({'person_id': list(answer_q6)}), on='person_id')\n"
        "key = pseudonym_key.encode()\n"
        "answer_q2 = pd.DataFrame({\n"
        "    'pseudo_id': [hmac.new(key, i.encode(), 'sha256').hexdigest() for i in people['person_id']],\n"
        "    'birth_year': people['date_of_birth'].dt.year,\n"
        "    'postcode_district': people['postcode'].str.partition(' ')[0],\n"
        "    'council_code': people['council_code'],\n"
        "    'ward_code': people['ward_code'],\n"
        "})",
        # new columns on a copy, then the direct identifiers dropped; columns in another order
        "people = residents[residents['person_id'].isin(set(answer_q6))].copy()\n"
        "people['pseudo_id'] = people['person_id'].apply(\n"
        "    lambda i: hmac.new(bytes(pseudonym_key, 'utf-8'), bytes(i, 'utf-8'), hashlib.sha256).hexdigest())\n"
        "people['birth_year'] = people['date_of_birth'].dt.year\n"
        "people['postcode_district'] = people['postcode'].str.split(' ').str.get(0)\n"
        "answer_q2 = people.drop(columns=['person_id', 'name', 'date_of_birth', 'postcode'])",
        # a row at a time in a loop, the birth year as a float after a detour through a NaN-able column
        "rows = []\n"
        "for person in residents[residents['person_id'].isin(list(answer_q6))].itertuples():\n"
        "    mac = hmac.new(pseudonym_key.encode(), digestmod=hashlib.sha256)\n"
        "    mac.update(person.person_id.encode())\n"
        "    rows.append({'ward_code': person.ward_code, 'council_code': person.council_code,\n"
        "                 'postcode_district': person.postcode.split()[0],\n"
        "                 'birth_year': float(person.date_of_birth.year),\n"
        "                 'pseudo_id': mac.hexdigest()})\n"
        "answer_q2 = pd.DataFrame(rows)",
    ],
    "q3": [
        # keep=False marks everyone who shares their values with someone else
        "shared = answer_q2.duplicated(['birth_year', 'postcode_district', 'ward_code'], keep=False)\n"
        "answer_q3 = int((~shared).sum())",
        # groups of size 1: one person each, so the number of such groups is the number of people
        "group_size = answer_q2.groupby(['birth_year', 'postcode_district', 'ward_code']).size()\n"
        "answer_q3 = (group_size == 1).sum()",
        # value_counts of the combinations, the groups of one counted with len
        "counts = answer_q2[['ward_code', 'postcode_district', 'birth_year']].value_counts()\n"
        "answer_q3 = len(counts[counts == 1])",
    ],
    "q4": [
        # groupby filter keeps the groups of 5 or more; the decade by taking off the last digit
        "safe = answer_q2.assign(birth_decade=answer_q2['birth_year'] - answer_q2['birth_year'] % 10)\n"
        "safe = safe[['pseudo_id', 'birth_decade', 'council_code']]\n"
        "answer_q4 = safe.groupby(['birth_decade', 'council_code']).filter(lambda group: len(group) >= 5)",
        # group sizes merged on, then dropped again; columns in another order and a fresh index
        "safe = pd.DataFrame({'council_code': answer_q2['council_code'],\n"
        "                     'birth_decade': (answer_q2['birth_year'] // 10) * 10,\n"
        "                     'pseudo_id': answer_q2['pseudo_id']})\n"
        "counts = safe.groupby(['birth_decade', 'council_code']).size().rename('n').reset_index()\n"
        "safe = safe.merge(counts, on=['birth_decade', 'council_code'])\n"
        "answer_q4 = safe[safe['n'] >= 5].drop(columns='n').reset_index(drop=True)",
        # the small groups listed, then their people left out
        "safe = answer_q2[['pseudo_id', 'council_code']].copy()\n"
        "safe['birth_decade'] = answer_q2['birth_year'] // 10 * 10\n"
        "group_size = safe.groupby(['birth_decade', 'council_code'])['pseudo_id'].transform('count')\n"
        "answer_q4 = safe.loc[~(group_size < 5)]",
        # another choice: 15-year bands and the council, the band from the remainder
        "safe = answer_q2[['pseudo_id', 'council_code']].assign(\n"
        "    birth_band=answer_q2['birth_year'] - answer_q2['birth_year'] % 15)\n"
        "answer_q4 = safe.groupby(['birth_band', 'council_code']).filter(lambda g: len(g) >= 5)",
        # another choice: 20-year bands, the big groups found with value_counts and merged back
        "safe = answer_q2[['pseudo_id', 'council_code']].assign(birth_band=answer_q2['birth_year'] // 20 * 20)\n"
        "counts = safe[['birth_band', 'council_code']].value_counts()\n"
        "big = counts[counts >= 5].reset_index()[['birth_band', 'council_code']]\n"
        "answer_q4 = safe.merge(big, on=['birth_band', 'council_code'])",
    ],
    "q5": [
        # dict() with keywords, in another order
        "answer_q5 = dict(\n"
        "    status_withdrawn_means_no_consent_on_any_date=False,\n"
        "    k_of_5_means_nobody_can_be_reidentified=False,\n"
        "    an_unkeyed_hash_of_person_id_is_anonymous=False,\n"
        "    pseudonymised_data_is_still_personal_data=True,\n"
        "    the_national_data_opt_out_stops_data_being_used_for_a_persons_own_care=False,\n"
        "    the_digital_economy_act_lets_councils_share_for_any_purpose=False,\n"
        "    health_data_needs_an_article_9_condition_too=True,\n"
        "    consent_is_the_only_lawful_basis_for_sharing=False,\n"
        ")",
        # everything False first, then the two true ones
        "answer_q5 = dict.fromkeys(['consent_is_the_only_lawful_basis_for_sharing',\n"
        "                           'health_data_needs_an_article_9_condition_too',\n"
        "                           'the_digital_economy_act_lets_councils_share_for_any_purpose',\n"
        "                           'the_national_data_opt_out_stops_data_being_used_for_a_persons_own_care',\n"
        "                           'pseudonymised_data_is_still_personal_data',\n"
        "                           'an_unkeyed_hash_of_person_id_is_anonymous',\n"
        "                           'k_of_5_means_nobody_can_be_reidentified',\n"
        "                           'status_withdrawn_means_no_consent_on_any_date'], False)\n"
        "answer_q5['pseudonymised_data_is_still_personal_data'] = True\n"
        "answer_q5['health_data_needs_an_article_9_condition_too'] = True",
        # NumPy True/False from a Series of answers
        "answers = pd.Series({'consent_is_the_only_lawful_basis_for_sharing': 0,\n"
        "                     'health_data_needs_an_article_9_condition_too': 1,\n"
        "                     'the_digital_economy_act_lets_councils_share_for_any_purpose': 0,\n"
        "                     'the_national_data_opt_out_stops_data_being_used_for_a_persons_own_care': 0,\n"
        "                     'pseudonymised_data_is_still_personal_data': 1,\n"
        "                     'an_unkeyed_hash_of_person_id_is_anonymous': 0,\n"
        "                     'k_of_5_means_nobody_can_be_reidentified': 0,\n"
        "                     'status_withdrawn_means_no_consent_on_any_date': 0}) == 1\n"
        "answer_q5 = dict(zip(answers.index, answers.to_numpy()))",
    ],
}

#: exercise -> answer-cell code with the mistakes learners really make, which must FAIL. At least 2
#: per exercise. The FIRST entry of an exercise is what generated test submissions use.
WRONG = {
    "q1": [
        # trusted the status column: consents withdrawn after 1 April 2025 are left out
        "day = pd.Timestamp('2025-04-01')\n"
        "answer_q1 = consent[(consent['given_on'] <= day) & (consent['expires_on'] > day)\n"
        "                    & (consent['status'] != 'Withdrawn')]",
        # 'withdrawn after the day' only: the consents never withdrawn (empty withdrawn_on) are lost
        "day = pd.Timestamp('2025-04-01')\n"
        "answer_q1 = consent[(consent['given_on'] <= day) & (consent['expires_on'] > day)\n"
        "                    & (consent['withdrawn_on'] > day)]",
        # forgot the start date: consents that only begin later are let in
        "day = pd.Timestamp('2025-04-01')\n"
        "answer_q1 = consent[(consent['expires_on'] > day) & ~(consent['withdrawn_on'] <= day)]",
        # applied the register today, not on the day of sharing
        "day = pd.Timestamp.today()\n"
        "answer_q1 = consent[(consent['given_on'] <= day) & (consent['expires_on'] > day)\n"
        "                    & ~(consent['withdrawn_on'] <= day)]",
        # boundary: 'after it started' read strictly, so consents starting on 1 April 2025 are lost
        "day = pd.Timestamp('2025-04-01')\n"
        "answer_q1 = consent[(consent['given_on'] < day) & (consent['expires_on'] > day)\n"
        "                    & ~(consent['withdrawn_on'] <= day)]",
        # boundary: a consent expiring on 1 April 2025 counted as still in force that day
        "day = pd.Timestamp('2025-04-01')\n"
        "answer_q1 = consent[(consent['given_on'] <= day) & (consent['expires_on'] >= day)\n"
        "                    & ~(consent['withdrawn_on'] <= day)]",
        # boundary: a consent withdrawn on 1 April 2025 counted as still in force that day
        "day = pd.Timestamp('2025-04-01')\n"
        "answer_q1 = consent[(consent['given_on'] <= day) & (consent['expires_on'] > day)\n"
        "                    & ~(consent['withdrawn_on'] < day)]",
    ],
    "q6": [
        # forgot the opt-outs altogether
        "answer_q6 = answer_q1.loc[answer_q1['purpose'] == 'Sharing with NHS partners', 'person_id']",
        # left out everyone on today's list, including those who opted out after the share
        "nhs = answer_q1.loc[answer_q1['purpose'] == 'Sharing with NHS partners', 'person_id']\n"
        "answer_q6 = nhs[~nhs.isin(data_opt_outs['person_id'])]",
        # boundary: an opt-out registered on 1 April 2025 itself ignored
        "nhs = answer_q1.loc[answer_q1['purpose'] == 'Sharing with NHS partners', 'person_id']\n"
        "out = data_opt_outs.loc[data_opt_outs['opted_out_on'] < '2025-04-01', 'person_id']\n"
        "answer_q6 = nhs[~nhs.isin(out)]",
        # every purpose, not only sharing with NHS partners
        "out = data_opt_outs.loc[data_opt_outs['opted_out_on'] <= '2025-04-01', 'person_id']\n"
        "answer_q6 = answer_q1.loc[~answer_q1['person_id'].isin(out), 'person_id'].drop_duplicates()",
    ],
    "q2": [
        # hashed person_id without the key
        "people = residents[residents['person_id'].isin(answer_q6)]\n"
        "answer_q2 = pd.DataFrame({\n"
        "    'pseudo_id': people['person_id'].map(lambda i: hashlib.sha256(i.encode()).hexdigest()),\n"
        "    'birth_year': people['date_of_birth'].dt.year,\n"
        "    'postcode_district': people['postcode'].str.split().str[0],\n"
        "    'council_code': people['council_code'],\n"
        "    'ward_code': people['ward_code'],\n"
        "})",
        # the key stuck in front of the ID and hashed: a keyed hash made by hand, not an HMAC
        "people = residents[residents['person_id'].isin(answer_q6)]\n"
        "answer_q2 = pd.DataFrame({\n"
        "    'pseudo_id': people['person_id'].map(\n"
        "        lambda i: hashlib.sha256((pseudonym_key + i).encode()).hexdigest()),\n"
        "    'birth_year': people['date_of_birth'].dt.year,\n"
        "    'postcode_district': people['postcode'].str.split().str[0],\n"
        "    'council_code': people['council_code'],\n"
        "    'ward_code': people['ward_code'],\n"
        "})",
        # the key and the message the wrong way round
        "people = residents[residents['person_id'].isin(answer_q6)]\n"
        "answer_q2 = pd.DataFrame({\n"
        "    'pseudo_id': people['person_id'].map(\n"
        "        lambda i: hmac.new(i.encode(), pseudonym_key.encode(), hashlib.sha256).hexdigest()),\n"
        "    'birth_year': people['date_of_birth'].dt.year,\n"
        "    'postcode_district': people['postcode'].str.split().str[0],\n"
        "    'council_code': people['council_code'],\n"
        "    'ward_code': people['ward_code'],\n"
        "})",
        # the HMAC cut to 16 characters
        "people = residents[residents['person_id'].isin(answer_q6)]\n"
        "answer_q2 = pd.DataFrame({\n"
        "    'pseudo_id': people['person_id'].map(\n"
        "        lambda i: hmac.new(pseudonym_key.encode(), i.encode(), hashlib.sha256).hexdigest()[:16]),\n"
        "    'birth_year': people['date_of_birth'].dt.year,\n"
        "    'postcode_district': people['postcode'].str.split().str[0],\n"
        "    'council_code': people['council_code'],\n"
        "    'ward_code': people['ward_code'],\n"
        "})",
        # kept the name 'to make it easier for the NHS'
        "people = residents[residents['person_id'].isin(answer_q6)]\n"
        "answer_q2 = pd.DataFrame({\n"
        "    'pseudo_id': people['person_id'].map(\n"
        "        lambda i: hmac.new(pseudonym_key.encode(), i.encode(), hashlib.sha256).hexdigest()),\n"
        "    'name': people['name'],\n"
        "    'birth_year': people['date_of_birth'].dt.year,\n"
        "    'postcode_district': people['postcode'].str.split().str[0],\n"
        "    'council_code': people['council_code'],\n"
        "    'ward_code': people['ward_code'],\n"
        "})",
        # started from the NHS consents of question 1, so the people who opted out are back in
        "agreed = answer_q1.loc[answer_q1['purpose'] == 'Sharing with NHS partners', 'person_id']\n"
        "people = residents[residents['person_id'].isin(agreed)]\n"
        "answer_q2 = pd.DataFrame({\n"
        "    'pseudo_id': people['person_id'].map(\n"
        "        lambda i: hmac.new(pseudonym_key.encode(), i.encode(), hashlib.sha256).hexdigest()),\n"
        "    'birth_year': people['date_of_birth'].dt.year,\n"
        "    'postcode_district': people['postcode'].str.split().str[0],\n"
        "    'council_code': people['council_code'],\n"
        "    'ward_code': people['ward_code'],\n"
        "})",
        # the district as the first three characters: QM12 becomes QM1
        "people = residents[residents['person_id'].isin(answer_q6)]\n"
        "answer_q2 = pd.DataFrame({\n"
        "    'pseudo_id': people['person_id'].map(\n"
        "        lambda i: hmac.new(pseudonym_key.encode(), i.encode(), hashlib.sha256).hexdigest()),\n"
        "    'birth_year': people['date_of_birth'].dt.year,\n"
        "    'postcode_district': people['postcode'].str[:3],\n"
        "    'council_code': people['council_code'],\n"
        "    'ward_code': people['ward_code'],\n"
        "})",
    ],
    "q3": [
        # counted everyone in groups smaller than 5
        "sizes = answer_q2.groupby(['birth_year', 'postcode_district', 'ward_code'])['pseudo_id'].transform('size')\n"
        "answer_q3 = (sizes < 5).sum()",
        # grouped by the ward alone
        "sizes = answer_q2.groupby('ward_code')['pseudo_id'].transform('size')\n"
        "answer_q3 = (sizes == 1).sum()",
        # duplicated() without keep=False: counts the groups, not the people alone
        "answer_q3 = (~answer_q2.duplicated(['birth_year', 'postcode_district', 'ward_code'])).sum()",
        # the smallest group size (the k of the release) instead of how many people are alone
        "sizes = answer_q2.groupby(['birth_year', 'postcode_district', 'ward_code'])['pseudo_id'].transform('size')\n"
        "answer_q3 = sizes.min()",
    ],
    "q4": [
        # generalised but never suppressed the small groups
        "answer_q4 = pd.DataFrame({'pseudo_id': answer_q2['pseudo_id'],\n"
        "                          'birth_decade': answer_q2['birth_year'] // 10 * 10,\n"
        "                          'council_code': answer_q2['council_code']})",
        # kept the ward 'for local planning'
        "safe = pd.DataFrame({'pseudo_id': answer_q2['pseudo_id'],\n"
        "                     'birth_decade': answer_q2['birth_year'] // 10 * 10,\n"
        "                     'council_code': answer_q2['council_code'],\n"
        "                     'ward_code': answer_q2['ward_code']})\n"
        "sizes = safe.groupby(['birth_decade', 'council_code'])['pseudo_id'].transform('size')\n"
        "answer_q4 = safe[sizes >= 5]",
        # suppressed on the old groups (year, district, ward) before generalising: almost everyone dropped
        "sizes = answer_q2.groupby(['birth_year', 'postcode_district', 'ward_code'])['pseudo_id'].transform('size')\n"
        "kept = answer_q2[sizes >= 5]\n"
        "answer_q4 = pd.DataFrame({'pseudo_id': kept['pseudo_id'],\n"
        "                          'birth_decade': kept['birth_year'] // 10 * 10,\n"
        "                          'council_code': kept['council_code']})",
        # the decade rounded to the nearest 10: 1967 becomes 1970
        "safe = pd.DataFrame({'pseudo_id': answer_q2['pseudo_id'],\n"
        "                     'birth_decade': answer_q2['birth_year'].round(-1),\n"
        "                     'council_code': answer_q2['council_code']})\n"
        "sizes = safe.groupby(['birth_decade', 'council_code'])['pseudo_id'].transform('size')\n"
        "answer_q4 = safe[sizes >= 5]",
        # one column sorted on its own, as a spreadsheet does when only that column is selected: rows scrambled
        "safe = pd.DataFrame({'pseudo_id': answer_q2['pseudo_id'],\n"
        "                     'birth_decade': answer_q2['birth_year'] // 10 * 10,\n"
        "                     'council_code': answer_q2['council_code']})\n"
        "sizes = safe.groupby(['birth_decade', 'council_code'])['pseudo_id'].transform('size')\n"
        "answer_q4 = safe[sizes >= 5].copy()\n"
        "answer_q4['birth_decade'] = sorted(answer_q4['birth_decade'])",
        # a loop that adds the running total each time round: people appear several times
        "safe = pd.DataFrame({'pseudo_id': answer_q2['pseudo_id'],\n"
        "                     'birth_decade': answer_q2['birth_year'] // 10 * 10,\n"
        "                     'council_code': answer_q2['council_code']})\n"
        "kept = pd.DataFrame()\n"
        "parts = []\n"
        "for council in safe['council_code'].unique():\n"
        "    one = safe[safe['council_code'] == council]\n"
        "    size = one.groupby('birth_decade')['pseudo_id'].transform('size')\n"
        "    kept = pd.concat([kept, one[size >= 5]])\n"
        "    parts.append(kept)\n"
        "answer_q4 = pd.concat(parts)",
        # the exact year of birth kept with the council: nearly every group is too small, nearly everyone lost
        "safe = answer_q2[['pseudo_id', 'birth_year', 'council_code']]\n"
        "answer_q4 = safe.groupby(['birth_year', 'council_code']).filter(lambda g: len(g) >= 5)",
        # 10-year bands with the postcode district: most people dropped, too few left to plan with
        "safe = answer_q2[['pseudo_id', 'postcode_district']].assign(birth_band=answer_q2['birth_year'] // 10 * 10)\n"
        "answer_q4 = safe.groupby(['birth_band', 'postcode_district']).filter(lambda g: len(g) >= 5)",
        # only the age generalised, no place kept at all
        "safe = pd.DataFrame({'pseudo_id': answer_q2['pseudo_id'],\n"
        "                     'birth_decade': answer_q2['birth_year'] // 10 * 10})\n"
        "answer_q4 = safe.groupby('birth_decade').filter(lambda g: len(g) >= 5)",
    ],
    "q5": [
        # everything ticked True
        "statements = ['consent_is_the_only_lawful_basis_for_sharing',\n"
        "              'health_data_needs_an_article_9_condition_too',\n"
        "              'the_digital_economy_act_lets_councils_share_for_any_purpose',\n"
        "              'the_national_data_opt_out_stops_data_being_used_for_a_persons_own_care',\n"
        "              'pseudonymised_data_is_still_personal_data', 'an_unkeyed_hash_of_person_id_is_anonymous',\n"
        "              'k_of_5_means_nobody_can_be_reidentified', 'status_withdrawn_means_no_consent_on_any_date']\n"
        "answer_q5 = {statement: True for statement in statements}",
        # the words 'True' and 'False' in quotes
        "answer_q5 = {\n"
        "    'consent_is_the_only_lawful_basis_for_sharing': 'False',\n"
        "    'health_data_needs_an_article_9_condition_too': 'True',\n"
        "    'the_digital_economy_act_lets_councils_share_for_any_purpose': 'False',\n"
        "    'the_national_data_opt_out_stops_data_being_used_for_a_persons_own_care': 'False',\n"
        "    'pseudonymised_data_is_still_personal_data': 'True',\n"
        "    'an_unkeyed_hash_of_person_id_is_anonymous': 'False',\n"
        "    'k_of_5_means_nobody_can_be_reidentified': 'False',\n"
        "    'status_withdrawn_means_no_consent_on_any_date': 'False',\n"
        "}",
        # believed sharing always needs consent, and that the opt-out stops care too
        "answer_q5 = {\n"
        "    'consent_is_the_only_lawful_basis_for_sharing': True,\n"
        "    'health_data_needs_an_article_9_condition_too': True,\n"
        "    'the_digital_economy_act_lets_councils_share_for_any_purpose': False,\n"
        "    'the_national_data_opt_out_stops_data_being_used_for_a_persons_own_care': True,\n"
        "    'pseudonymised_data_is_still_personal_data': True,\n"
        "    'an_unkeyed_hash_of_person_id_is_anonymous': False,\n"
        "    'k_of_5_means_nobody_can_be_reidentified': False,\n"
        "    'status_withdrawn_means_no_consent_on_any_date': False,\n"
        "}",
        # believed pseudonyms and k = 5 make the data anonymous and safe
        "answer_q5 = {\n"
        "    'consent_is_the_only_lawful_basis_for_sharing': False,\n"
        "    'health_data_needs_an_article_9_condition_too': True,\n"
        "    'the_digital_economy_act_lets_councils_share_for_any_purpose': False,\n"
        "    'the_national_data_opt_out_stops_data_being_used_for_a_persons_own_care': False,\n"
        "    'pseudonymised_data_is_still_personal_data': False,\n"
        "    'an_unkeyed_hash_of_person_id_is_anonymous': False,\n"
        "    'k_of_5_means_nobody_can_be_reidentified': True,\n"
        "    'status_withdrawn_means_no_consent_on_any_date': False,\n"
        "}",
        # read the Digital Economy Act as a power to share for anything, and health data as ordinary data
        "answer_q5 = {\n"
        "    'consent_is_the_only_lawful_basis_for_sharing': False,\n"
        "    'health_data_needs_an_article_9_condition_too': False,\n"
        "    'the_digital_economy_act_lets_councils_share_for_any_purpose': True,\n"
        "    'the_national_data_opt_out_stops_data_being_used_for_a_persons_own_care': False,\n"
        "    'pseudonymised_data_is_still_personal_data': True,\n"
        "    'an_unkeyed_hash_of_person_id_is_anonymous': False,\n"
        "    'k_of_5_means_nobody_can_be_reidentified': False,\n"
        "    'status_withdrawn_means_no_consent_on_any_date': False,\n"
        "}",
    ],
}

#: The exercises whose first WRONG entry generated submissions use (the old TYPICAL_MISTAKES): only
#: question 5's, since every other answer feeds a later question.
SUBMISSION_MISTAKES = ("q5",)
