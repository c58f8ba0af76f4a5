import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detailBodySchema, envelopeSchema } from './schemas.js';

const seedOk = JSON.parse(readFileSync('fixtures/responses/oppo-app-info.json', 'utf8')) as {
  errno: number;
  data: Record<string, unknown>;
};

/** Every field of DetailBody, OfflineApplyInfo, PicMaterialinfo and VideoInfo in OPPO's doc (seed 002). */
const DOC_DETAIL_FIELDS =
  `app_id pkg_name type sign dev_id app_secret server_secret app_key update_time app_create_time app_name is_freeze
  freeze_reason refuse_reason tag_list is_business game_type second_category_id third_category_id copyright_url
  special_url special_file_url freeze_file business_username business_email business_mobile business_qq
  business_position business_address freeze_advice app_type app_real_type ad_type dev_name electronic_cert_url
  icp_url relation_app_id ascription_type authorize_type proxy_contract_url authorize_url authorize_desc
  operation_license_url approval_doc_url culture_record_url approval_doc_number culture_record_number
  approval_doc_type approval_doc_start_time approval_doc_end_time other_cetificate_url absolve_declare_url
  record_identification_code record_identification_image version_id version_code version_name apk_url apk_size
  apk_md5 header_md5 channel package_permission resolution version_type create_time min_sdk_version
  target_sdk_version ver_second_category_id ver_third_category_id release_type release_over_type phone_support
  phone_support_version ios_link apk_full_url online_type sche_online_time test_type test_start_time test_end_time
  is_signature is_pre_download lang icon_url icon_md5 summary detail_desc update_desc app_subname test_desc
  video_url pic_url package_permission_desc video_pic_url cover_url landscape_pic_url privacy_source_url
  release_desc test_url english_name region level online_time offline_time is_first_publish business_refuse_reason
  old_audit_status release_status refuse_advice state change_state online_info_offline_apply size audit_status
  audit_status_name offline_info transfer_state update_info_check level_tag refuse_file landscape_pic_url_material
  pic_url_material video_url_material age_level adaptive_equipment adaptive_type customer_contact`.split(/\s+/);

describe('OPPO DetailBody schema', () => {
  it('names every documented DetailBody field and every field of the example', () => {
    const shape = Object.keys(detailBodySchema.shape);
    expect(DOC_DETAIL_FIELDS.filter((f) => !shape.includes(f))).toEqual([]);
    expect(Object.keys(seedOk.data).filter((f) => !shape.includes(f))).toEqual([]);
  });

  it('parses the success example of the doc verbatim', () => {
    const envelope = envelopeSchema.parse(seedOk);
    expect(envelope.errno).toBe(0);
    const detail = detailBodySchema.parse(envelope.data);
    expect(detail.version_code).toBe('6091000');
    expect(detail.type).toBe(7);
    expect(detail.transfer_state).toBe(-1);
    expect(detail.freeze_reason).toBeNull();
    expect(detail.update_time).toBe('2020年09月23日 19:31:05');
    expect(detail.test_start_time).toBe('0000-00-00 00:00:00');
    expect(detail.package_permission).toBe('android.permission.ACCESS_NETWORK_STATE');
    expect(detail.online_info_offline_apply).toHaveLength(2);
    expect(detail.online_info_offline_apply[1]?.version_id).toBe('111111');
    expect(detail.pic_url_material[0]).toMatchObject({ width: '1080', height: '1920', size: '396069' });
    expect(detail.landscape_pic_url_material).toHaveLength(3);
    expect(detail.video_url_material).toEqual([]);
    expect(detail.audit_status).toBeNull();
    expect(detail.audit_status_name).toBe('上线');
  });

  it('accepts numbers for strings, arrays for package_permission, null lists, and keeps unknown fields', () => {
    const detail = detailBodySchema.parse({
      ...seedOk.data,
      version_code: 6091000,
      app_id: 111,
      package_permission: ['android.permission.INTERNET', 'android.permission.CAMERA'],
      pic_url_material: null,
      video_url_material: [
        {
          url: 'http://v.mp4',
          md5: 'x',
          size: '1024',
          width: 1920,
          height: '1080',
          fps: 30,
          duration: 12,
          definition: 2000,
        },
      ],
      revoke: 1,
      freeze_reason_with_sugg: [{ advice: '', reason: 'x' }],
    });
    expect(detail.version_code).toBe('6091000');
    expect(detail.app_id).toBe('111');
    expect(detail.package_permission).toEqual(['android.permission.INTERNET', 'android.permission.CAMERA']);
    expect(detail.pic_url_material).toEqual([]);
    expect(detail.video_url_material[0]).toMatchObject({ size: 1024, height: 1080, fps: 30 });
    expect(detail.revoke).toBe(1);
    expect(detail.freeze_reason_with_sugg).toEqual([{ advice: '', reason: 'x' }]);
  });

  it('refuses an answer without a usable version_code', () => {
    expect(detailBodySchema.safeParse({ ...seedOk.data, version_code: undefined }).success).toBe(false);
    expect(detailBodySchema.safeParse({ ...seedOk.data, version_code: 'abc' }).success).toBe(false);
  });
});
