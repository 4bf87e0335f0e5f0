export default definePageConfig({ navigationBarTitleText: '审核帮扶申请', enablePageMeta: true });
