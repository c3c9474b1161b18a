import { describe, expect, it } from 'vitest';
import { aliyunCanonicalQuery, aliyunPercentEncode, aliyunRpcSignature, tc3Authorization } from './signing.ts';

describe('Alibaba Cloud RPC signature', () => {
  // The worked example of Alibaba Cloud's "signature mechanism" page: DescribeRegions, AccessKey
  // testid / testsecret, signed with "testsecret&".
  const documented = {
    Timestamp: '2016-02-23T12:46:24Z',
    Format: 'XML',
    AccessKeyId: 'testid',
    Action: 'DescribeRegions',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
    Version: '2014-05-26',
    SignatureVersion: '1.0',
  };

  it('gives the signature of the documented example', () => {
    expect(aliyunRpcSignature('GET', documented, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('sorts the parameters and encodes as the documentation says', () => {
    expect(aliyunCanonicalQuery(documented)).toBe(
      'AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26',
    );
    expect(aliyunPercentEncode("a b*c~d!'()")).toBe('a%20b%2Ac~d%21%27%28%29');
    expect(aliyunPercentEncode('共治')).toBe('%E5%85%B1%E6%B2%BB');
  });
});

describe('Tencent Cloud TC3-HMAC-SHA256 signature', () => {
  // The worked example of Tencent Cloud's "Signature v3" page: CVM DescribeInstances in
  // ap-guangzhou at 1551113065, with the page's example key.
  const example = {
    secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
    service: 'cvm',
    host: 'cvm.tencentcloudapi.com',
    contentType: 'application/json; charset=utf-8',
    payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
    timestamp: 1551113065,
  };

  it('gives the signature of the documented example', () => {
    const { authorization, signature } = tc3Authorization({ ...example, secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE' });
    expect(signature).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
    expect(authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });

  it('gives the signature of the later edition of the example (key with asterisks)', () => {
    expect(tc3Authorization({ ...example, secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******' }).signature).toBe('2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c');
  });
});
