"""Right and wrong answers to m06's questions, which `academy validate` judges (right ones differ in how dates,
groups and pseudonyms are worked out, wrong ones in trusting the status, skipping the key or grouping too little)."""

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
    "q2": [
        # a merge with the NHS consents, an f-string in a list comprehension, partition for the district
        "nhs = answer_q1[answer_q1['purpose'] == 'Sharing with NHS partners'][['person_id']]\n"
        "people = residents.merge(nhs, on='person_id')\n"
        "answer_q2 = pd.DataFrame({\n"
        "    'pseudo_id': [hashlib.sha256(f'{pseudonym_key}{i}'.encode()).hexdigest()[:16]\n"
        "                  for i in people['person_id']],\n"
        "    'birth_year': people['date_of_birth'].dt.year,\n"
        "    'postcode_district': people['postcode'].str.partition(' ')[0],\n"
        "    'council_code': people['council_code'],\n"
        "    'ward_code': people['ward_code'],\n"
        "})",
        # new columns on a copy, then the direct identifiers dropped; columns in another order
        "agreed = set(answer_q1.query(\"purpose == 'Sharing with NHS partners'\")['person_id'])\n"
        "people = residents[residents['person_id'].isin(agreed)].copy()\n"
        "people['pseudo_id'] = people['person_id'].apply(\n"
        "    lambda i: hashlib.sha256((pseudonym_key + i).encode()).hexdigest()[:16])\n"
        "people['birth_year'] = people['date_of_birth'].dt.year\n"
        "people['postcode_district'] = people['postcode'].str.split(' ').str.get(0)\n"
        "answer_q2 = people.drop(columns=['person_id', 'name', 'date_of_birth', 'postcode'])",
        # a row at a time in a loop, the district taken with a regular expression
        "rows = []\n"
        "nhs_ids = answer_q1.loc[answer_q1['purpose'] == 'Sharing with NHS partners', 'person_id'].tolist()\n"
        "for person in residents[residents['person_id'].isin(nhs_ids)].itertuples():\n"
        "    rows.append({'ward_code': person.ward_code, 'council_code': person.council_code,\n"
        "                 'postcode_district': person.postcode.split()[0],\n"
        "                 'birth_year': person.date_of_birth.year,\n"
        "                 'pseudo_id': hashlib.sha256((pseudonym_key + person.person_id).encode()).hexdigest()[:16]})\n"
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
    ],
    "q5": [
        # dict() with keywords, in another order
        "answer_q5 = dict(\n"
        "    a_data_sharing_agreement_source_may_go_on_the_open_data_portal=False,\n"
        "    ogl_and_cc_by_sources_may_be_published_together_with_attribution=True,\n"
        "    status_withdrawn_means_no_consent_on_any_date=False,\n"
        "    k_of_5_means_nobody_can_be_reidentified=False,\n"
        "    an_unkeyed_hash_of_person_id_is_anonymous=False,\n"
        "    pseudonymised_data_is_still_personal_data=True,\n"
        ")",
        # the template's Nones filled in one at a time
        "answer_q5 = dict.fromkeys(['pseudonymised_data_is_still_personal_data',\n"
        "                           'an_unkeyed_hash_of_person_id_is_anonymous',\n"
        "                           'k_of_5_means_nobody_can_be_reidentified',\n"
        "                           'status_withdrawn_means_no_consent_on_any_date',\n"
        "                           'ogl_and_cc_by_sources_may_be_published_together_with_attribution',\n"
        "                           'a_data_sharing_agreement_source_may_go_on_the_open_data_portal'], False)\n"
        "answer_q5['pseudonymised_data_is_still_personal_data'] = True\n"
        "answer_q5['ogl_and_cc_by_sources_may_be_published_together_with_attribution'] = True",
        # NumPy True/False from a Series of answers
        "answers = pd.Series({'pseudonymised_data_is_still_personal_data': 1,\n"
        "                     'an_unkeyed_hash_of_person_id_is_anonymous': 0,\n"
        "                     'k_of_5_means_nobody_can_be_reidentified': 0,\n"
        "                     'status_withdrawn_means_no_consent_on_any_date': 0,\n"
        "                     'ogl_and_cc_by_sources_may_be_published_together_with_attribution': 1,\n"
        "                     'a_data_sharing_agreement_source_may_go_on_the_open_data_portal': 0}) == 1\n"
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
    ],
    "q2": [
        # hashed person_id without the key
        "agreed = answer_q1.loc[answer_q1['purpose'] == 'Sharing with NHS partners', 'person_id']\n"
        "people = residents[residents['person_id'].isin(agreed)]\n"
        "answer_q2 = pd.DataFrame({\n"
        "    'pseudo_id': people['person_id'].map(lambda i: hashlib.sha256(i.encode()).hexdigest()[:16]),\n"
        "    'birth_year': people['date_of_birth'].dt.year,\n"
        "    'postcode_district': people['postcode'].str.split().str[0],\n"
        "    'council_code': people['council_code'],\n"
        "    'ward_code': people['ward_code'],\n"
        "})",
        # kept the name 'to make it easier for the NHS'
        "agreed = answer_q1.loc[answer_q1['purpose'] == 'Sharing with NHS partners', 'person_id']\n"
        "people = residents[residents['person_id'].isin(agreed)]\n"
        "answer_q2 = pd.DataFrame({\n"
        "    'pseudo_id': people['person_id'].map(\n"
        "        lambda i: hashlib.sha256((pseudonym_key + i).encode()).hexdigest()[:16]),\n"
        "    'name': people['name'],\n"
        "    'birth_year': people['date_of_birth'].dt.year,\n"
        "    'postcode_district': people['postcode'].str.split().str[0],\n"
        "    'council_code': people['council_code'],\n"
        "    'ward_code': people['ward_code'],\n"
        "})",
        # everyone with any consent in force, not only consent to sharing with the NHS
        "people = residents[residents['person_id'].isin(answer_q1['person_id'])]\n"
        "answer_q2 = pd.DataFrame({\n"
        "    'pseudo_id': people['person_id'].map(\n"
        "        lambda i: hashlib.sha256((pseudonym_key + i).encode()).hexdigest()[:16]),\n"
        "    'birth_year': people['date_of_birth'].dt.year,\n"
        "    'postcode_district': people['postcode'].str.split().str[0],\n"
        "    'council_code': people['council_code'],\n"
        "    'ward_code': people['ward_code'],\n"
        "})",
        # the district as the first three characters: QM12 becomes QM1
        "agreed = answer_q1.loc[answer_q1['purpose'] == 'Sharing with NHS partners', 'person_id']\n"
        "people = residents[residents['person_id'].isin(agreed)]\n"
        "answer_q2 = pd.DataFrame({\n"
        "    'pseudo_id': people['person_id'].map(\n"
        "        lambda i: hashlib.sha256((pseudonym_key + i).encode()).hexdigest()[:16]),\n"
        "    'birth_year': people['date_of_birth'].dt.year,\n"
        "    'postcode_district': people['postcode'].str[:3],\n"
        "    'council_code': people['council_code'],\n"
        "    'ward_code': people['ward_code'],\n"
        "})",
        # the key put after the ID instead of in front of it
        "agreed = answer_q1.loc[answer_q1['purpose'] == 'Sharing with NHS partners', 'person_id']\n"
        "people = residents[residents['person_id'].isin(agreed)]\n"
        "answer_q2 = pd.DataFrame({\n"
        "    'pseudo_id': people['person_id'].map(\n"
        "        lambda i: hashlib.sha256((i + pseudonym_key).encode()).hexdigest()[:16]),\n"
        "    'birth_year': people['date_of_birth'].dt.year,\n"
        "    'postcode_district': people['postcode'].str.split().str[0],\n"
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
    ],
    "q5": [
        # everything ticked True
        "answer_q5 = {statement: True for statement in ['pseudonymised_data_is_still_personal_data', "
        "'an_unkeyed_hash_of_person_id_is_anonymous', 'k_of_5_means_nobody_can_be_reidentified', "
        "'status_withdrawn_means_no_consent_on_any_date', "
        "'ogl_and_cc_by_sources_may_be_published_together_with_attribution', "
        "'a_data_sharing_agreement_source_may_go_on_the_open_data_portal']}",
        # the words 'True' and 'False' in quotes
        "answer_q5 = {\n"
        "    'pseudonymised_data_is_still_personal_data': 'True',\n"
        "    'an_unkeyed_hash_of_person_id_is_anonymous': 'False',\n"
        "    'k_of_5_means_nobody_can_be_reidentified': 'False',\n"
        "    'status_withdrawn_means_no_consent_on_any_date': 'False',\n"
        "    'ogl_and_cc_by_sources_may_be_published_together_with_attribution': 'True',\n"
        "    'a_data_sharing_agreement_source_may_go_on_the_open_data_portal': 'False',\n"
        "}",
        # believed pseudonyms and k = 5 make the data anonymous and safe
        "answer_q5 = {\n"
        "    'pseudonymised_data_is_still_personal_data': False,\n"
        "    'an_unkeyed_hash_of_person_id_is_anonymous': False,\n"
        "    'k_of_5_means_nobody_can_be_reidentified': True,\n"
        "    'status_withdrawn_means_no_consent_on_any_date': False,\n"
        "    'ogl_and_cc_by_sources_may_be_published_together_with_attribution': True,\n"
        "    'a_data_sharing_agreement_source_may_go_on_the_open_data_portal': False,\n"
        "}",
        # thought combining with open sources lets the shared-under-agreement data be published
        "answer_q5 = {\n"
        "    'pseudonymised_data_is_still_personal_data': True,\n"
        "    'an_unkeyed_hash_of_person_id_is_anonymous': False,\n"
        "    'k_of_5_means_nobody_can_be_reidentified': False,\n"
        "    'status_withdrawn_means_no_consent_on_any_date': False,\n"
        "    'ogl_and_cc_by_sources_may_be_published_together_with_attribution': True,\n"
        "    'a_data_sharing_agreement_source_may_go_on_the_open_data_portal': True,\n"
        "}",
    ],
}

#: The exercises whose first WRONG entry generated submissions use (the old TYPICAL_MISTAKES): only
#: question 5's, since every other answer feeds a later question.
SUBMISSION_MISTAKES = ("q5",)
