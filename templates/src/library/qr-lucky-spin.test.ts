import { customerIdFor } from '../testing/scenario.js';
import { describeTemplate } from '../testing/suite.js';

const scan = { name: 'QR Scanned', at: '0m', properties: { location: 'Big C Thang Long' } };

describeTemplate('qr-lucky-spin', (j) => {
  const voucher = customerIdFor(j, 'spin', 'voucher');
  const ebook = customerIdFor(j, 'spin', 'ebook');
  const course = customerIdFor(j, 'spin', 'course');
  return [
    {
      name: 'wins the voucher, claims it, is invited to join',
      customer: { id: voucher, attributes: { firstName: 'Lan' } },
      events: [scan, { name: 'Prize Claimed', at: '1d' }],
      expectPath: ['scan', 'spin:voucher', 'win-voucher', 'claimed:event', 'settle', 'invite-join', 'joined-invited'],
      expectExit: 'completed:joined-invited',
    },
    {
      name: 'wins the ebook, never claims it, gets one reminder',
      customer: { id: ebook },
      events: [scan],
      expectPath: ['scan', 'spin:ebook', 'win-ebook', 'claimed:timeout', 'remind-prize', 'reminded'],
      expectExit: 'completed:reminded',
    },
    {
      name: 'wins the course, claims it, signs up the same day (goal)',
      customer: { id: course },
      events: [scan, { name: 'Prize Claimed', at: '2h' }, { name: 'Signed Up', at: '5h' }],
      expectPath: ['scan', 'spin:course', 'win-course', 'claimed:event'],
      expectExit: 'goal:member',
    },
    {
      name: 'unsubscribes while the prize waits: leaves at once',
      customer: { id: voucher },
      events: [scan, { name: 'Unsubscribed', at: '3h' }],
      expectPath: ['scan', 'spin:voucher', 'win-voucher'],
      expectExit: 'exit-event:claimed',
    },
    {
      name: 'scanning is the only way in',
      events: [{ name: 'Page Viewed', at: '0m' }],
      expectPath: [],
      expectExit: 'not-entered',
    },
  ];
});
