/**
 * The apps the OPPO emulator starts with. `com.foo.bar` is the success example of OPPO's
 * "查询普通包详情" doc (../shared/seeds/002_*.txt) verbatim, with a few fields changed so that an
 * adapter that applies the documented repairs (stores/oppo.md 2.7) can echo the listing back:
 * - summary ≤ 13 chars and detail_desc ≥ 20 chars (the example's "xxxx" placeholders are not);
 * - copyright_url keeps the example's empty comma slots, so the adapter must clean lists [src: U6 clean_urls];
 * - business_email has a leading space, so the adapter must trim [src: APKGO commit 95da4e3];
 * - adaptive_type is "0" (unset), so the adapter must not echo it [src: U5 2026-09-04];
 * - audit_status "111" (上线), which the example leaves out.
 */

export type Detail = Record<string, unknown>;

/** The developer the sandbox credentials belong to (the example's dev_id). */
export const SANDBOX_DEV_ID = '1111';
export const OTHER_DEV_ID = '2222';

const OFFICIAL_EXAMPLE: Detail = {
  app_id: '111',
  pkg_name: 'com.foo.bar',
  type: 7,
  sign: '38ee****057c',
  dev_id: '1111',
  app_key: 'f429****efc6',
  update_time: '2020年09月23日 19:31:05',
  app_create_time: '2020-03-13 10:16:40',
  app_name: '测试应用',
  is_freeze: '0',
  freeze_reason: null,
  refuse_reason: 'a:1:{i:0;s:24:"资源下架理由外部";}',
  tag_list: null,
  is_business: '0',
  game_type: '0',
  second_category_id: '74',
  third_category_id: '6685',
  copyright_url: 'http://******2d877341.jpg,,',
  special_url: 'http://******520eabc9.jpg,,',
  special_file_url: '',
  freeze_file: null,
  business_username: '',
  business_email: '',
  business_mobile: '',
  business_qq: '',
  business_position: '',
  business_address: '',
  freeze_advice: null,
  app_type: '0',
  app_real_type: '0',
  electronic_cert_url: '',
  icp_url: '',
  relation_app_id: '0',
  version_id: '111111',
  version_code: '6091000',
  version_name: '6.9.1',
  apk_url: '/apk/202009/23/****eda24.apk',
  apk_size: '70999067',
  apk_md5: '0df6****0b53',
  header_md5: 'c3ab****e3ff',
  package_permission: 'android.permission.ACCESS_NETWORK_STATE',
  resolution: null,
  version_type: '2',
  create_time: '2020-09-23 19:36:40',
  ver_second_category_id: '74',
  ver_third_category_id: '6685',
  apk_full_url: 'http://******/apk/202009/23/******eda24.apk',
  online_type: '1',
  sche_online_time: '2020-03-13 02:32:00',
  test_type: '0',
  test_start_time: '0000-00-00 00:00:00',
  test_end_time: '0000-00-00 00:00:00',
  player_customer_email: null,
  player_customer_phone: null,
  player_customer_qq: '',
  is_signature: '0',
  is_pre_download: '1',
  icon_url: 'http://******45cac481.png',
  icon_md5: '',
  summary: 'xxxxxxxxxxxxxxxxxxxx',
  detail_desc: 'xxxxxxxxxxxxxxxxxxxxxxxx',
  update_desc: 'xxxxxxxxxxxxxxxxxxxxxxxx',
  app_subname: 'AppSubName',
  test_desc: null,
  video_url: '',
  pic_url: 'http://******edd338c7.jpg,http://******9dd7b7.jpg,http://******f00521.jpg',
  package_permission_desc: null,
  video_pic_url: null,
  cover_url: null,
  landscape_pic_url: 'http://******10cb6c.jpg,http://******b6a908.jpg,http://******d720a9.jpg',
  privacy_source_url: 'http://foo.bar.com',
  level: '1',
  state: '1',
  online_time: '2020-09-29 19:15:38',
  offline_time: '2020-09-29 19:12:59',
  business_refuse_reason: 'a:1:{i:0;s:24:"资源下架理由外部";}',
  online_info_offline_apply: [
    {
      app_id: '111',
      version_id: '111110',
      online_state: '1',
      online_time: '2020-09-29 19:13:07',
      offline_time: '2020-09-29 17:00:19',
    },
    {
      app_id: '111',
      version_id: '111111',
      online_state: '1',
      online_time: '2020-09-29 19:15:38',
      offline_time: '2020-09-29 19:12:59',
    },
  ],
  size: '67.71 MB',
  audit_status_name: '上线',
  offline_info: null,
  transfer_state: -1,
  update_info_check: 0,
  level_tag: 'B',
  refuse_advice: 'a:1:{i:0;s:18:"资源下架理由";}',
  refuse_file: '',
  landscape_pic_url_material: [
    {
      url: 'http://******10cb6c.jpg',
      width: '1915',
      height: '1080',
      md5: '06b9****6d1d',
      size: '227502',
    },
    {
      url: 'http://******b6a908.jpg',
      width: '1915',
      height: '1080',
      md5: '8fa1****c9e5',
      size: '558801',
    },
    {
      url: 'http://******d720a9.jpg',
      width: '1915',
      height: '1080',
      md5: 'ee9e****ec32',
      size: '350314',
    },
  ],
  pic_url_material: [
    {
      url: 'http://******d338c7.jpg',
      width: '1080',
      height: '1920',
      md5: '6c57****6148',
      size: '396069',
    },
    {
      url: 'http://******9dd7b7.jpg',
      width: '1080',
      height: '1920',
      md5: 'f641****5f85',
      size: '568491',
    },
    {
      url: 'http://******f00521.jpg',
      width: '1080',
      height: '1920',
      md5: 'f075****dffa',
      size: '289818',
    },
  ],
  video_url_material: [],
  age_level: '3',
  adaptive_equipment: '4',
  adaptive_type: '1',
  customer_contact:
    '[{"weekend_hours":"09:30-18:00","contact_method":"1","working_hours":"08:30-18:30","contact_info":"13928452035;95533"},{"weekend_hours":"00:00-23:59","contact_method":"2","working_hours":"08:30-18:30","contact_info":"support@cat-studio.net;496228536@163.com"},{"weekend_hours":"09:30-18:00","contact_method":"3","working_hours":"08:30-18:30","contact_info":"496228536;921440223"},{"weekend_hours":"09:30-18:00","contact_method":"4","working_hours":"08:30-18:30","contact_info":"王者荣耀公众号123_honor"},{"weekend_hours":"09:30-18:00","contact_method":"5","working_hours":"08:30-18:30","contact_info":"1bbb_235"},{"weekend_hours":"09:30-18:00","contact_method":"6","working_hours":"08:30-18:30","contact_info":"吃鸡公众号_123child"},{"weekend_hours":"09:30-18:00","contact_method":"7","working_hours":"08:30-08:00","contact_info":"13928452035字汉字汉字汉字汉字汉字汉字汉字汉字汉字汉字汉字汉字"}]',
};

/** The com.foo.bar listing as the emulator serves it. */
export function seedFooBar(): Detail {
  return {
    ...structuredClone(OFFICIAL_EXAMPLE),
    summary: '测试应用一句话简介',
    detail_desc: '测试应用是一款用于演示自动发布流程的示例应用，支持多家应用商店。',
    update_desc: '修复已知问题并提升稳定性',
    business_username: '测试联系人',
    business_email: ' dev@foo.bar',
    business_mobile: '13800000000',
    adaptive_type: '0',
    audit_status: '111',
  };
}

/** A listing from before the 13-char limit: /app/upd rejects its summary [src: XiaoZhuan#23]. */
function seedLongSummary(): Detail {
  return {
    ...seedFooBar(),
    app_id: '112',
    pkg_name: 'com.foo.longsummary',
    app_name: '长简介应用',
    summary: '测试应用一句话简介超长了啊哈哈',
  };
}

/** Copyright proof only in electronic_cert_url: the adapter must fall back [src: apkgo#23, #25]. */
function seedNoCopyright(): Detail {
  return {
    ...seedFooBar(),
    app_id: '113',
    pkg_name: 'com.foo.nocopyright',
    app_name: '无版权证明应用',
    copyright_url: '',
    electronic_cert_url: 'http://******5e1ec7c3.pdf',
  };
}

/** Another developer's app: info and upd answer 911045 (seed 002 failure example). */
function seedOtherDeveloper(): Detail {
  return {
    ...seedFooBar(),
    app_id: '900',
    dev_id: OTHER_DEV_ID,
    pkg_name: 'com.other.app',
    app_name: '别人的应用',
  };
}

export function seedApps(): Detail[] {
  return [seedFooBar(), seedLongSummary(), seedNoCopyright(), seedOtherDeveloper()];
}
