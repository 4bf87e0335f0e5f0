export default definePageConfig({ navigationBarTitleText: '我的帮扶申请', enablePageMeta: true });
