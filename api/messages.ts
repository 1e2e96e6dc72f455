/** Message catalog. Codes are the contract and never change; wording may. */
type Text = { zh: string; en: string };

export const problemTitles: Record<string, Text> = {
  validation_failed: { zh: '请求参数有误', en: 'The request has invalid fields' },
  malformed_json: { zh: '请求体不是合法的 JSON', en: 'The request body is not valid JSON' },
  not_found: { zh: '资源不存在', en: 'Resource not found' },
  route_not_found: { zh: '接口不存在', en: 'No such endpoint' },
  method_not_allowed: { zh: '该接口不支持此方法', en: 'Method not allowed on this endpoint' },
  unauthorized: { zh: '缺少或无效的 API 密钥', en: 'Missing or invalid API key' },
  forbidden: { zh: '当前角色无权执行此操作', en: 'Your role may not do this' },
  conflict: { zh: '与当前状态冲突', en: 'Conflicts with the current state' },
  invalid_transition: { zh: '不允许的状态变更', en: 'Illegal state change' },
  precondition_failed: { zh: '前提条件不成立', en: 'Precondition failed' },
  payload_too_large: { zh: '请求体过大', en: 'Request body too large' },
  unsupported_media_type: { zh: '不支持的内容类型', en: 'Unsupported content type' },
  rate_limited: { zh: '请求过于频繁', en: 'Too many requests' },
  internal_error: { zh: '服务器内部错误', en: 'Internal server error' },
};

export const reasonMessages: Record<string, Text> = {
  only_enterprises_post_needs: { zh: '只有企业用户可以发布技术需求', en: 'Only enterprise users can post needs' },
  only_institutions_publish_achievements: {
    zh: '只有高校院所用户可以发布科技成果',
    en: 'Only institution users can publish achievements',
  },
  admin_only: { zh: '仅管理员可执行此操作', en: 'Only admins can do this' },
  need_not_editable: { zh: '需求当前状态（{status}）不可修改', en: 'The need is {status} and can no longer be edited' },
  need_not_withdrawable: { zh: '需求当前状态（{status}）不可撤回', en: 'The need is {status} and cannot be withdrawn' },
  achievement_not_editable: {
    zh: '成果当前状态（{status}）不可修改',
    en: 'The achievement is {status} and can no longer be edited',
  },
  achievement_not_withdrawable: {
    zh: '成果当前状态（{status}）不可撤回',
    en: 'The achievement is {status} and cannot be withdrawn',
  },
  credit_code_taken: { zh: '该统一社会信用代码已登记', en: 'This credit code is already registered' },
  email_taken: { zh: '该邮箱已被使用', en: 'This email is already in use' },
  resource_need: { zh: '需求不存在', en: 'Need not found' },
  resource_achievement: { zh: '成果不存在', en: 'Achievement not found' },
  resource_user: { zh: '用户不存在', en: 'User not found' },
  resource_api_key: { zh: 'API 密钥不存在', en: 'API key not found' },
  resource_notification: { zh: '通知不存在', en: 'Notification not found' },
  resource_webhook: { zh: 'Webhook 不存在', en: 'Webhook not found' },
  webhook_other_org: {
    zh: '只能为本单位注册 Webhook',
    en: 'You can register webhooks only for your own organisation',
  },
  webhook_parties_only: {
    zh: '只有企业或高校院所的用户（及管理员）可以管理本单位的 Webhook',
    en: 'Only enterprise and institution users (and admins) manage their organisation’s webhooks',
  },
  webhook_limit: {
    zh: '每个单位最多 {limit} 个启用中的 Webhook',
    en: 'An organisation may have at most {limit} active webhooks',
  },
  resource_suggestion: { zh: '推荐对子不存在', en: 'Suggestion not found' },
  resource_disclosure: { zh: '没有生效中的披露', en: 'No live disclosure' },
  pair_not_accepted: {
    zh: '对子尚未采纳（当前：{stage}），不能披露',
    en: 'The pair is not accepted yet ({stage}); nothing can be disclosed',
  },
  resource_platform: { zh: '平台不存在', en: 'Platform not found' },
  platform_staff_only: {
    zh: '只有该平台的用户（及管理员）可以修改平台信息',
    en: 'Only the platform’s own users (and admins) can change it',
  },
  outcome_not_allowed: {
    zh: '对子处于“{stage}”阶段，不能记录“{kind}”，当前允许：{allowed}',
    en: 'Cannot record {kind} at stage {stage}; allowed: {allowed}',
  },
  outcome_recorders_only: {
    zh: '只有对子的技术经理人、管理员或承接平台的用户可以记录转化结果',
    en: 'Only the pair’s managers, admins and the platforms running it record outcomes',
  },
  platform_records_own_runs: {
    zh: '平台用户只能记录在本平台开展的概念验证或中试的结果',
    en: 'A platform’s users record only the results of runs at their platform',
  },
  managers_only: { zh: '仅技术经理人可执行此操作', en: 'Only technology managers can do this' },
  own_slice_only: {
    zh: '技术经理人只能查看自己负责的统计',
    en: 'Managers see only the statistics of the pairs they hold',
  },
  admins_and_managers_only: {
    zh: '仅管理员和技术经理人可查看统计',
    en: 'Only admins and technology managers can see statistics',
  },
  assigned_manager_only: {
    zh: '仅该配对的负责经理人或管理员可执行此操作',
    en: 'Only the manager assigned to this pair, or an admin, can do this',
  },
  suggestion_already_claimed: {
    zh: '该对子已被其他经理人认领或已改派',
    en: 'This pair has already been claimed or reassigned',
  },
  stage_move_not_allowed: {
    zh: '不能从“{from}”变更为“{to}”，当前允许：{allowed}',
    en: 'Cannot move from {from} to {to}; allowed: {allowed}',
  },
  stage_final: { zh: '对子已处于终态“{from}”，不能再变更', en: 'The pair is {from}, a final stage; it cannot move' },
  body_limit: { zh: '请求体不能超过 {limit} 字节', en: 'The body may be at most {limit} bytes' },
  json_only: { zh: '请求体须为 application/json', en: 'The body must be application/json' },
  route: { zh: '没有 {method} {path} 这个接口', en: 'There is no {method} {path}' },
  idempotency_key_reused: {
    zh: '该 Idempotency-Key 已用于另一个不同的请求，请为新请求使用新的键',
    en: 'This Idempotency-Key was used for a different request; use a new key for a new request',
  },
  idempotency_key_in_flight: {
    zh: '使用该 Idempotency-Key 的请求仍在处理中，请稍后重试',
    en: 'A request with this Idempotency-Key is still being processed; retry shortly',
  },
  idempotency_key_secret_not_replayable: {
    zh: '该请求已成功执行（已创建 {id}），其密钥只显示一次，不能重放；如未保存，请撤销后用新的 Idempotency-Key 重新创建',
    en:
      'This request already succeeded (created {id}); its secret is shown only once and cannot be replayed. ' +
      'If you did not keep it, revoke it and create another with a new Idempotency-Key',
  },
  version_mismatch: {
    zh: '记录在您读取后已被修改（If-Match 与当前 ETag 不符），请重新获取后再提交',
    en: 'The record changed since you read it (If-Match does not match its current ETag); fetch it again',
  },
  rate_limit_key: {
    zh: '该 API 密钥每 {window} 秒最多 {limit} 次请求，请 {retryAfter} 秒后重试',
    en: 'This API key may make at most {limit} requests per {window} seconds; retry in {retryAfter} seconds',
  },
  rate_limit_ip: {
    zh: '该地址每 {window} 秒最多 {limit} 次请求，请 {retryAfter} 秒后重试',
    en: 'This address may make at most {limit} requests per {window} seconds; retry in {retryAfter} seconds',
  },
  rate_limit_auth_failures: {
    zh: '该地址在 {window} 秒内认证失败已达 {limit} 次，暂停受理其全部请求，请 {retryAfter} 秒后重试',
    en:
      'This address has failed authentication {limit} times within {window} seconds; all its requests are ' +
      'refused for {retryAfter} seconds',
  },
};

export const fieldMessages: Record<string, Text> = {
  invalid: { zh: '取值无效', en: 'is invalid' },
  invalid_type: { zh: '类型错误，应为 {expected}', en: 'must be of type {expected}' },
  // The generic forms catch origins the specific ones below do not word (a date, a set, a bigint).
  too_small: { zh: '小于允许的最小值 {minimum}', en: 'is below the minimum of {minimum}' },
  too_big: { zh: '超过允许的最大值 {maximum}', en: 'is above the maximum of {maximum}' },
  'too_small.string': { zh: '长度不能少于 {minimum} 个字符', en: 'must be at least {minimum} characters' },
  'too_big.string': { zh: '长度不能超过 {maximum} 个字符', en: 'must be at most {maximum} characters' },
  'too_small.number': { zh: '不能小于 {minimum}', en: 'must be at least {minimum}' },
  'too_big.number': { zh: '不能大于 {maximum}', en: 'must be at most {maximum}' },
  'too_small.array': { zh: '至少需要 {minimum} 项', en: 'needs at least {minimum} items' },
  'too_big.array': { zh: '最多 {maximum} 项', en: 'may have at most {maximum} items' },
  invalid_format: { zh: '格式不正确（{format}）', en: 'is not a valid {format}' },
  invalid_value: { zh: '取值应为以下之一：{values}', en: 'must be one of: {values}' },
  unrecognized_keys: { zh: '不认识的字段：{keys}', en: 'unknown fields: {keys}' },
  not_multiple_of: { zh: '取值不符合要求的步长', en: 'is not a multiple of the required step' },
  invalid_union: { zh: '不符合任何一种允许的格式', en: 'matches none of the allowed forms' },
  invalid_key: { zh: '包含无效的键', en: 'has an invalid key' },
  invalid_element: { zh: '包含无效的元素', en: 'has an invalid element' },
  custom: { zh: '取值无效', en: 'is invalid' },
  owner_only_filter: {
    zh: '只有需求所属企业（及管理员）可以按匹配状态筛选',
    en: 'only the enterprise that owns the needs (and admins) may filter by match state',
  },
  space_not_configured: {
    zh: '本服务未配置向量空间 {values}',
    en: 'this service is not configured for the embedding space {values}',
  },
  unknown_chain: { zh: '未知的产业链：{values}', en: 'unknown industry chain: {values}' },
  unknown_organisation: { zh: '机构不存在', en: 'no such organisation' },
  required: { zh: '必须填写', en: 'is required' },
  not_your_side: { zh: '只能披露本单位一方的记录', en: 'you can disclose only your own side of the pair' },
  blocked_target: {
    zh: 'Webhook 不能指向内网、本机或云元数据地址（{reason}）',
    en: 'webhooks may not point at private, loopback or cloud-metadata addresses ({reason})',
  },
  not_for_platform_kind: {
    zh: '该字段不适用于此类平台（{values}）',
    en: 'does not apply to a platform of kind {values}',
  },
  not_for_passed: { zh: '结果为通过时不填写原因', en: 'is given only when the result is not a pass' },
  only_when_failed: { zh: '只有失败的结果可以终止对子', en: 'only a failed result can end the pair' },
  only_for_use_first_pay_later: {
    zh: '只有“先用后转”需要填写试用期',
    en: 'is given only for use_first_pay_later (先用后转)',
  },
  unknown_platform: { zh: '平台不存在', en: 'no such platform' },
  platform_kind: { zh: '平台类型不符，应为：{values}', en: 'the platform must be a {values}' },
  phase_not_served: {
    zh: '该概念验证中心不承接此阶段（承接：{values}）',
    en: 'the PoC centre does not serve this phase (it serves: {values})',
  },
  role_org_mismatch: { zh: '该角色只能属于以下类型的机构：{values}', en: 'this role belongs to: {values}' },
  manager_profile_needs_manager_role: {
    zh: '只有技术经理人角色可以设置经理人资料',
    en: 'only manager users have a manager profile',
  },
  range_inverted: { zh: '下限不能大于上限', en: 'the lower bound exceeds the upper bound' },
  not_an_integer: { zh: '应为整数', en: 'must be a whole number' },
  invalid_range: { zh: '无法识别的范围（如 5-8）', en: 'is not a range such as 5-8' },
  invalid_money: { zh: '无法识别的金额（如 50-100万元、面议）', en: 'is not an amount such as 50-100万元' },
  unknown_mode: {
    zh: '未知的合作方式：{values}（可用：转让、许可、作价入股、合作开发、委托开发、先用后转）',
    en: 'unknown cooperation mode: {values}',
  },
  unknown_value: { zh: '无法识别的取值：{values}', en: 'unrecognised value: {values}' },
  invalid_date: { zh: '无法识别的日期（如 2027-06-30）', en: 'is not a date such as 2027-06-30' },
  missing_organisation: { zh: '缺少单位名称', en: 'no organisation named' },
  ambiguous_organisation: { zh: '有多个同名机构：{values}', en: 'several organisations are named {values}' },
  organisation_kind: { zh: '机构类型不符，应为：{values}', en: 'the organisation must be one of: {values}' },
  invalid_json: { zh: '该行不是合法的 JSON 对象', en: 'the line is not a JSON object' },
  unsafe_text: {
    zh: '不能包含空字符（U+0000）或不成对的代理字符（U+D800–U+DFFF）',
    en: 'must not contain NUL (U+0000) or unpaired surrogates (U+D800–U+DFFF)',
  },
  invalid_idempotency_key: {
    zh: '须为 1 至 255 个可打印 ASCII 字符',
    en: 'must be 1 to 255 printable ASCII characters',
  },
  invalid_if_match: {
    zh: '须为 * 或以逗号分隔的带引号 ETag 列表',
    en: 'must be * or a comma-separated list of quoted ETags',
  },
};
