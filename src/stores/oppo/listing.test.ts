import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanList, listingEcho } from './listing.js';
import { detailBodySchema } from './schemas.js';

const seedOk = JSON.parse(readFileSync('fixtures/responses/oppo-app-info.json', 'utf8')) as {
  data: Record<string, unknown>;
};
const echo = (extra: Record<string, unknown> = {}) => listingEcho(detailBodySchema.parse({ ...seedOk.data, ...extra }));

describe('OPPO listing echo', () => {
  it('cleans comma lists', () => {
    expect(cleanList('http://a.jpg,,')).toBe('http://a.jpg');
    expect(cleanList(' a , ,b,')).toBe('a,b');
    expect(cleanList(null)).toBe('');
  });

  it('echoes the seed listing with the repairs', () => {
    const fields = echo({ business_email: ' dev@foo.bar ', business_username: ' 张三', customer_contact: ' [] ' });
    expect(fields).toMatchObject({
      app_name: '测试应用',
      app_subname: 'AppSubName',
      second_category_id: '74',
      third_category_id: '6685',
      copyright_url: 'http://******2d877341.jpg',
      special_url: 'http://******520eabc9.jpg',
      pic_url: 'http://******edd338c7.jpg,http://******9dd7b7.jpg,http://******f00521.jpg',
      business_email: 'dev@foo.bar',
      business_username: '张三',
      customer_contact: '[]',
      age_level: '3',
      adaptive_equipment: '4',
      adaptive_type: '1',
      privacy_source_url: 'http://foo.bar.com',
    });
    // Empty and null values are not sent at all.
    expect(fields).not.toHaveProperty('electronic_cert_url');
    expect(fields).not.toHaveProperty('test_desc');
    expect(fields).not.toHaveProperty('business_mobile');
    // Not listing fields: never echoed.
    expect(fields).not.toHaveProperty('update_desc');
    expect(fields).not.toHaveProperty('version_code');
  });

  it('falls back from an empty copyright_url to electronic_cert_url', () => {
    expect(echo({ copyright_url: ',,', electronic_cert_url: 'http://cert.pdf,' }).copyright_url).toBe(
      'http://cert.pdf',
    );
  });

  it.each(['0', '', null])('does not echo an unset adaptive_type (%s)', (value) => {
    expect(echo({ adaptive_type: value })).not.toHaveProperty('adaptive_type');
  });

  it('takes the categories from ver_* when second/third_category_id are empty', () => {
    const fields = echo({
      second_category_id: '',
      third_category_id: null,
      ver_second_category_id: '77',
      ver_third_category_id: '6691',
    });
    expect(fields.second_category_id).toBe('77');
    expect(fields.third_category_id).toBe('6691');
  });
});
